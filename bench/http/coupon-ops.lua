-- wrk script for the three coupon actions over HTTP, one per run:
--
--   assign  POST /api/v1/coupon-books/{book}/assignments (BOOK: one id or several, comma-separated) {"userId":"<prefix>-<thread>-<n>"}  (admin token)
--           each 2xx answer's code and user are written to <out>.<thread> as "code user"
--   lock    POST /api/v1/coupons/{code}/lock {}  for each line "code user" of <in> (admin token: admins
--           may lock for the holder); each 2xx answer is written to <out>.<thread> as "code user lockId"
--   redeem  POST /api/v1/coupons/{code}/redemptions {"lockId":…}  for each line "code user lockId token"
--           of <in>, with that user's own token (only the holder redeems)
--
-- Usage: wrk -t2 -c16 -d20s --timeout 10s -s coupon-ops.lua URL -- MODE TOKEN BOOK IN OUT PREFIX
-- (unused arguments may be "-"). Lines of IN are split between the threads (WRK_THREADS must say
-- how many); a thread that runs out of lines stops, dropping what it still had in flight (at most
-- one request per connection goes uncounted, so ops/s errs low), and the run ends when all have.
--
-- THINK_MS (environment, default 0): each connection waits that long before each request, as users
-- do, so a few connections offer a light load instead of as many requests as the server answers.
--
-- done() prints answers by status, latency percentiles and one machine-readable line:
--   RESULT mode=.. seconds=.. ok_2xx=.. ops_per_s=.. non2xx=.. socket_errors=.. p50_ms=.. p90_ms=.. p99_ms=.. max_ms=..

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end

local think_ms = tonumber(os.getenv("THINK_MS") or "0")
if think_ms > 0 then
  function delay() return think_ms end
end

local function arg(v) if v == nil or v == "-" then return nil end return v end

function init(args)
  mode, token = args[1], arg(args[2])
  -- BOOK may list several book ids separated by commas: assignments go round the list
  books = {}
  for b in string.gmatch(arg(args[3]) or "", "[^,]+") do table.insert(books, b) end
  local input, output, prefix = arg(args[4]), arg(args[5]), arg(args[6]) or ("u" .. os.time())
  headers = { ["Content-Type"] = "application/json" }
  if token then headers["Authorization"] = "Bearer " .. token end
  user_base = prefix .. "-" .. tid .. "-"
  sent, statuses = 0, {}
  lines, next_line = {}, 1
  if input then
    -- every thread reads the whole file and keeps its share (line number modulo thread count)
    local n, total = 0, tonumber(os.getenv("WRK_THREADS") or "2")
    for line in io.lines(input) do
      n = n + 1
      if (n - 1) % total == tid - 1 then table.insert(lines, line) end
    end
  end
  out = output and io.open(output .. "." .. tid, "w") or nil
  -- wrk has no per-thread teardown hook, so each line is written through at once
  if out then out:setvbuf("line") end
end

local function fields(line)
  local t = {}
  for f in string.gmatch(line, "%S+") do table.insert(t, f) end
  return t
end

function request()
  sent = sent + 1
  if mode == "assign" then
    local user = user_base .. sent
    local book = books[(sent + tid) % #books + 1]
    return wrk.format("POST", "/api/v1/coupon-books/" .. book .. "/assignments", headers, '{"userId":"' .. user .. '"}')
  end
  local line = lines[next_line]
  if line == nil then
    -- this thread's share is done; what is still in flight completes, nothing more is sent
    wrk.thread:stop()
    stopping = true
    return wrk.format("GET", "/actuator/health/liveness")
  end
  next_line = next_line + 1
  local f = fields(line)
  if mode == "lock" then
    return wrk.format("POST", "/api/v1/coupons/" .. f[1] .. "/lock", headers, "{}")
  end
  local h = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. f[4] }
  return wrk.format("POST", "/api/v1/coupons/" .. f[1] .. "/redemptions", h, '{"lockId":"' .. f[3] .. '"}')
end

function response(status, hdrs, body)
  -- a thread multiplexes several connections, so an answer is matched by its body, not by order
  if stopping and string.find(body, '"status":"UP"', 1, true) then return end
  statuses[status] = (statuses[status] or 0) + 1
  if status < 200 or status > 299 or not out then return end
  if mode == "assign" then
    local code = string.match(body, '"code":"([^"]+)"')
    local user = string.match(body, '"userId":"([^"]+)"')
    if code and user then out:write(code, " ", user, "\n") end
  elseif mode == "lock" then
    local code = string.match(body, '"code":"([^"]+)"')
    local user = string.match(body, '"userId":"([^"]+)"')
    local lock = string.match(body, '"lockId":"([^"]+)"')
    if code and user and lock then out:write(code, " ", user, " ", lock, "\n") end
  end
end

function done(summary, latency, requests)
  local by_status, ok, non2xx = {}, 0, 0
  local mode = threads[1]:get("mode")
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses") or {}) do
      by_status[status] = (by_status[status] or 0) + n
      if status >= 200 and status <= 299 then ok = ok + n else non2xx = non2xx + n end
    end
  end
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  for status, n in pairs(by_status) do io.write(string.format("  status %d: %d\n", status, n)) end
  io.write(string.format(
    "RESULT mode=%s seconds=%.2f ok_2xx=%d ops_per_s=%.1f non2xx=%d socket_errors=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    mode, seconds, ok, ok / seconds, non2xx, errors,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

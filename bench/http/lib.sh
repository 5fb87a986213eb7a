# Shared by the HTTP benchmarks (sourced). Starts the packaged service as its own process in a
# scratch directory, as the README documents, and stops exactly what it started.
# Needs: $work (scratch directory), $JAR, $HEAP.

STOP_TIMEOUT=${STOP_TIMEOUT:-60}
ADMIN_LOGIN='{"email":"admin@admin.com","password":"Password1"}'
server_pid=

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json_get() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
descendants() { local c; for c in $(pgrep -P "$1" || true); do echo "$c"; descendants "$c"; done; }

# cpu_ms PID: CPU (user + system, ms) used so far by PID and its descendants (the embedded redis-server).
cpu_ms() {
  local p tck
  tck=$(getconf CLK_TCK)
  for p in "$1" $(descendants "$1"); do sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f12,13; done |
    awk -v t="$tck" '{ s += $1 + $2 } END { printf "%d", s * 1000 / t }'
}

# build_jar: the service's jar from this checkout (JAR= skips the build).
build_jar() {
  if [ -z "${JAR:-}" ]; then
    log "building the service (./mvnw -q -B -DskipTests package)"
    (cd "$root" && ./mvnw -q -B -DskipTests package) || die "build failed"
    JAR=$root/server/target/coupon-book-service.jar
  fi
  [ -f "$JAR" ] || die "no jar at $JAR"
}

# start_service DATA_DIR ARGS...: starts the jar with its data in DATA_DIR; sets port, server_pid, base.
start_service() {
  local dir=$1 t0
  shift
  port=$(free_port)
  mkdir -p "$dir"
  (cd "$dir" && exec java "-Xmx$HEAP" -jar "$JAR" --server.port="$port" "$@") >>"$dir/server.log" 2>&1 &
  server_pid=$!
  base=http://127.0.0.1:$port
  t0=$(date +%s.%N)
  until curl -fs --max-time 5 "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$server_pid" 2>/dev/null || { tail -n 30 "$dir/server.log" >&2; die "the service exited (log $dir/server.log)"; }
    sleep 0.2
  done
  started_in=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
  log "service up on $base after ${started_in}s (pid $server_pid, log $dir/server.log)"
}

stop_service() {
  [ -n "$server_pid" ] || return 0
  local kids i
  kids=$(descendants "$server_pid")
  kill -TERM "$server_pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  for i in $kids; do kill -KILL "$i" 2>/dev/null || true; done
  server_pid=
}

# await_quiet PID [MAX_S]: waits until PID (with its descendants) used under a fifth of a core for two
# seconds running, so a figure measured next is not shared with catching-up work; at most MAX_S (120) s.
await_quiet() {
  local i quiet=0 c0 c1
  for ((i = 0; i < ${2:-120}; i++)); do
    c0=$(cpu_ms "$1"); sleep 1; c1=$(cpu_ms "$1")
    if ((c1 - c0 < 200)); then quiet=$((quiet + 1)); else quiet=0; fi
    ((quiet < 2)) || return 0
  done
  log "still busy after ${2:-120}s; measuring anyway"
}

admin_token() {
  curl -fsS "$base/api/v1/auth/token" -H 'Content-Type: application/json' -d "$ADMIN_LOGIN" | json_get access_token
}

# create_book TOKEN NAME [FIELDS]: a new book's id (no per-user limit that a benchmark user could
# reach); FIELDS, when given, are more terms as JSON members with a leading comma.
create_book() {
  curl -fsS "$base/api/v1/coupon-books" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$2\",\"endDate\":\"2099-01-01T00:00:00Z\",\"maxCodesPerUser\":3${3:-}}" | json_get bookId
}

# codes_file FILE N PREFIX: N distinct codes, one per line.
# await_job BASE TOKEN BOOK JOB: polls a generation job until it has completed; a failed job ends the run.
await_job() {
  local status=
  until [ "$status" = COMPLETED ]; do
    sleep 0.5
    status=$(curl -fsS "$1/api/v1/coupon-books/$3/generation-jobs/$4" -H "Authorization: Bearer $2" | json_get status)
    if [ "$status" = FAILED ]; then die "generation job failed"; fi
  done
}
codes_file() { awk -v n="$2" -v p="$3" 'BEGIN { for (i = 1; i <= n; i++) printf "%s%09d\n", p, i }' >"$1"; }

# upload TOKEN BOOK FILE: streams the codes as text/csv; prints the seconds it took.
upload() {
  curl -fsS -o "$work/upload.json" -w '%{time_total}' "$base/api/v1/coupon-books/$2/codes" \
    -H "Authorization: Bearer $1" -H 'Content-Type: text/csv' --data-binary "@$3" || die "upload failed"
}

# run_wrk NAME C D MODE TOKEN BOOKS IN OUT: one wrk run; prints its RESULT line plus cpu_ms_per_op.
run_wrk() {
  local name=$1 c=$2 d=$3 cpu0 cpu1 result ok
  shift 3
  cpu0=$(cpu_ms "$server_pid")
  WRK_THREADS=$THREADS wrk -t"$THREADS" -c"$c" -d"${d}s" --timeout 10s -s "$here/coupon-ops.lua" "$base" -- "$@" \
    >"$work/wrk-$name.txt" 2>&1 || true
  cpu1=$(cpu_ms "$server_pid")
  result=$(grep '^RESULT' "$work/wrk-$name.txt" || echo "RESULT mode=$1 failed")
  ok=$(sed -n 's/.*ok_2xx=\([0-9]*\).*/\1/p' <<<"$result")
  echo "$result cpu_ms_per_op=$(python3 -c "print(f'{($cpu1 - $cpu0) / max(${ok:-0}, 1):.2f}')")"
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

#!/usr/bin/env bash
# Generation over HTTP on the packaged service (embedded default), with the figures that a busy
# machine moves least: the server's CPU seconds per 10^5 generated codes next to the wall clock.
#   1. upload of UPLOAD codes to a first book (the codes the light assignment load hands out);
#   2. warm-up: a job of WARMUP_CODES codes on a book of its own with the light load alongside for
#      WARMUP seconds, so that the figures below are not the JIT compiling the paths they measure,
#      then a wait until the server is quiet (WARMUP=0: none, the figures of a just-started JVM);
#   3. light assignment load idle (wrk, LIGHT_C connections, each waiting THINK_MS before each request,
#      10 s): its p99;
#   4. a generation job of N codes on a second book with the same light load alongside; its time,
#      the server's CPU (JVM and embedded redis-server) during it, and the p99 during ÷ idle.
# Usage: bench/generation/http.sh [N]   (default 1000000)
# Environment: LIGHT_C=4 (0: no load), THINK_MS=30 (0: each connection sends its next request at
# once, which saturates the machine by itself), UPLOAD=100000, WARMUP=60, WARMUP_CODES=300000,
# HEAP=512m, JAR=…, JFR=/path.jfr (records a profile of the whole run), KEEP=1 (keep the data
# directory), EXTRA='--couponbook.… ' server arguments.
set -euo pipefail

here=$(cd "$(dirname "$0")/../http" && pwd)
root=$(cd "$here/../.." && pwd)
N=${1:-1000000}
HEAP=${HEAP:-512m}
LIGHT_C=${LIGHT_C:-4}
UPLOAD=${UPLOAD:-100000}
THINK_MS=${THINK_MS:-30}
WARMUP=${WARMUP:-60}
WARMUP_CODES=${WARMUP_CODES:-300000}
THREADS=${THREADS:-2}
source "$here/lib.sh"
for tool in java curl python3; do command -v "$tool" >/dev/null || die "needs $tool on PATH"; done
[ "$LIGHT_C" = 0 ] || command -v wrk >/dev/null || die "needs wrk on PATH (or LIGHT_C=0)"

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-gen.XXXXXX")
trap 'stop_service; [ "${KEEP:-0}" = 1 ] || rm -rf "$work/data" "$work/codes.csv"; log "scratch directory: $work"' EXIT
build_jar
jfr_opt=()
[ -n "${JFR:-}" ] && jfr_opt=(-XX:StartFlightRecording=filename=$JFR,settings=profile)
java_opts=${JAVA_TOOL_OPTIONS:-}
export JAVA_TOOL_OPTIONS="$java_opts ${jfr_opt[*]:-}"
# shellcheck disable=SC2086
start_service "$work/data" --couponbook.rate-limit.coupon-actions-per-user-per-minute=0 \
  --couponbook.rate-limit.coupon-actions-per-ip-per-minute=0 ${EXTRA:-}
export JAVA_TOOL_OPTIONS=$java_opts
token=$(admin_token)
row() { printf '| %s | %s |\n' "$1" "$2"; }
echo "| figure | value |"
echo "|---|---|"

if [ "$LIGHT_C" != 0 ]; then
  codes_file "$work/codes.csv" "$UPLOAD" "UPL-"
  upload_book=$(create_book "$token" "bulk upload")
  upload "$token" "$upload_book" "$work/codes.csv" >/dev/null
  light() { THINK_MS=$THINK_MS run_wrk "$1" "$LIGHT_C" "$2" assign "$token" "$upload_book" - - "$1"; }
fi

# start_job BOOK N: the id of a new generation job of N codes.
start_job() {
  curl -fsS "$base/api/v1/coupon-books/$1/generation-jobs" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "{\"count\":$2,\"pattern\":\"GEN-##########\"}" | json_get jobId
}

if [ "$WARMUP" != 0 ]; then
  warm_book=$(create_book "$token" "warm-up generation")
  warm_job=$(start_job "$warm_book" "$WARMUP_CODES")
  [ "$LIGHT_C" = 0 ] || { light warmup "$WARMUP" >/dev/null & warm_pid=$!; }
  await_job "$base" "$token" "$warm_book" "$warm_job"
  [ "$LIGHT_C" = 0 ] || wait "$warm_pid"
  await_quiet "$server_pid"
  log "warmed up: a job of $WARMUP_CODES codes (with LIGHT_C=$LIGHT_C connections of assignments for $WARMUP s)"
fi

if [ "$LIGHT_C" != 0 ]; then
  idle=$(light idle 10)
  row "assign p99 idle, $LIGHT_C connections (ms)" "$(field p99_ms "$idle")"
  row "assignments/s idle" "$(field ops_per_s "$idle")"
fi

gen_book=$(create_book "$token" "bulk generation")
cpu0=$(cpu_ms "$server_pid")
t0=$(date +%s.%N)
job=$(start_job "$gen_book" "$N")
if [ "$LIGHT_C" != 0 ]; then
  light during 900 >"$work/during.txt" &
  light_pid=$!
fi
await_job "$base" "$token" "$gen_book" "$job"
gen_secs=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
cpu1=$(cpu_ms "$server_pid")
if [ "$LIGHT_C" != 0 ]; then
  for w in $(pgrep -P "$light_pid" wrk || true); do kill -INT "$w" 2>/dev/null || true; done
  wait "$light_pid" || true
fi
row "generation of $N codes (s)" "$gen_secs"
row "generation rate (codes/s)" "$(python3 -c "print(round($N / $gen_secs))")"
row "server CPU during the job (s)" "$(python3 -c "print(f'{($cpu1 - $cpu0) / 1000:.1f}')")"
row "server CPU per 10^5 codes (s)" "$(python3 -c "print(f'{($cpu1 - $cpu0) / 1000 / ($N / 1e5):.2f}')")"
if [ "$LIGHT_C" != 0 ]; then
  during=$(grep '^RESULT' "$work/wrk-during.txt" || true)
  row "assign p99 during generation, $LIGHT_C connections (ms)" "$(field p99_ms "$during")"
  row "assignments during generation" "$(field ok_2xx "$during")"
  row "assignments/s during generation" "$(field ops_per_s "$during")"
  row "p99 during ÷ idle" "$(python3 -c "print(f'{$(field p99_ms "$during") / $(field p99_ms "$idle"):.2f}')")"
fi

#!/usr/bin/env bash
# Bulk figures of the packaged service on the embedded default, in one fresh data directory:
#   1. upload of N codes as one streamed text/csv request (the answer comes once all are stored);
#   2. API latency idle: random assignments at light load (wrk, LIGHT_C connections, 10 s);
#   3. generation of N codes (202, then the job is polled until COMPLETED), with the same light
#      assignment load running throughout: p99 during generation against idle;
#   4. disk: the data directory's size per code, after the store settled;
#   5. heap: used heap after a full GC, with every code in the store;
#   6. restart: SIGTERM, then the same command on the same data directory until health is UP.
# Prints a markdown table. Usage: bench/http/bulk.sh [N]   (default 1000000)
# Environment: HEAP=512m (the target: a 10^6-code book in 512 MB), LIGHT_C=4, JAR=…, KEEP=1,
# THREADS=2 (wrk), PATTERN='GEN-##########'.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
N=${1:-1000000}
HEAP=${HEAP:-512m}
LIGHT_C=${LIGHT_C:-4}
THREADS=${THREADS:-2}
PATTERN=${PATTERN:-GEN-##########}
source "$here/lib.sh"
for tool in java curl wrk python3 jcmd; do command -v "$tool" >/dev/null || die "needs $tool on PATH"; done

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-bulk.XXXXXX")
trap 'stop_service; [ "${KEEP:-0}" = 1 ] || rm -rf "$work/data" "$work/codes.csv"; log "scratch directory: $work"' EXIT
build_jar
off="--couponbook.rate-limit.coupon-actions-per-user-per-minute=0 --couponbook.rate-limit.coupon-actions-per-ip-per-minute=0"

# shellcheck disable=SC2086
start_service "$work/data" $off
first_start=$started_in
token=$(admin_token)

row() { printf '| %s | %s |\n' "$1" "$2"; }
echo "| figure | value |"
echo "|---|---|"
row "start-up on an empty store (s)" "$first_start"

# 1. upload
codes_file "$work/codes.csv" "$N" "UPL-"
upload_book=$(create_book "$token" "bulk upload")
secs=$(upload "$token" "$upload_book" "$work/codes.csv")
row "upload of $N codes (s)" "$secs"
row "upload rate (codes/s)" "$(python3 -c "print(round($N / $secs))")"
rm -f "$work/codes.csv"

# 2. idle latency
light() { run_wrk "$1" "$LIGHT_C" "$2" assign "$token" "$upload_book" - - "$1"; }
idle=$(light idle 10)
row "assign p99 idle, $LIGHT_C connections (ms)" "$(field p99_ms "$idle")"

# 3. generation with the light load alongside
gen_book=$(create_book "$token" "bulk generation")
t0=$(date +%s.%N)
job=$(curl -fsS "$base/api/v1/coupon-books/$gen_book/generation-jobs" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d "{\"count\":$N,\"pattern\":\"$PATTERN\"}" | json_get jobId)
light during 600 >"$work/during.txt" &
light_pid=$!
await_job "$base" "$token" "$gen_book" "$job"
gen_secs=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
pkill -INT -P "$light_pid" wrk 2>/dev/null || pkill -INT -f "coupon-ops.lua.*during" || true
wait "$light_pid" || true
row "generation of $N codes (s)" "$gen_secs"
row "generation rate (codes/s)" "$(python3 -c "print(round($N / $gen_secs))")"
during=$(grep '^RESULT' "$work/wrk-during.txt" || true)
row "assign p99 during generation, $LIGHT_C connections (ms)" "$(field p99_ms "$during")"
row "p99 during ÷ idle" "$(python3 -c "print(f'{$(field p99_ms "$during") / $(field p99_ms "$idle"):.2f}')")"

# 4. disk and 5. heap, once the processors have caught up (the read models hold every code)
sleep 10
jcmd "$server_pid" GC.run >/dev/null
heap_kb=$(jcmd "$server_pid" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1)
row "heap used after a full GC (MB)" "$((heap_kb / 1024))"
bytes=$(du -sb "$work/data" | cut -f1)
row "data directory (MB)" "$((bytes / 1048576))"
row "disk per code, all told (bytes)" "$((bytes / (2 * N)))"

# 6. restart on the full store
stop_service
# shellcheck disable=SC2086
start_service "$work/data" $off
row "restart to health UP with $((2 * N)) codes (s)" "$started_in"

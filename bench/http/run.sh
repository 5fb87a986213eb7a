#!/usr/bin/env bash
# Assign, lock and redeem over HTTP with wrk, against the packaged service started as documented
# (embedded default, its own process), for each book size and connection count; prints one
# markdown table row per run: ops/s (2xx), p50/p99 ms, non-2xx, socket errors, server CPU ms per op.
#
# Usage: bench/http/run.sh            (from anywhere; builds the jar unless JAR= is given)
# Environment (all optional):
#   SIZES="1000 100000 1000000"   codes per book; a size below 100,000 is served by enough books of
#                                 that size for the whole run, assigned round-robin, so every
#                                 assignment still meets a book of (at most) that size
#   CONNS="16 64"  wrk connections;  D=20 seconds measured per action;  WARMUP=10 seconds of
#   assignments before the first measured run (JIT);  THREADS=2 wrk threads;  HEAP=1g
#   LIMITS="off raised"  rate limits switched off, or on with budgets of 10^9 (the limiter in the path)
#   MODES="assign lock redeem"  which actions (lock needs assign, redeem needs lock)
#   BUDGET=N  every book gets maxRedemptionsTotal=N, so each redemption draws from the book's budget
#             slices; N above the run's redemptions measures the budget's cost, a smaller N its
#             refusals (non-2xx). Unset: no budget. The limits column then reads "off budget N".
#   JAR=path  a prebuilt jar;  KEEP=1 keep the scratch directory
# Each (limits) setting runs on a fresh service and data directory. Lock takes every code the
# assign run gave out (the admin locks for the holder); redeem uses each holder's own token.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
SIZES=${SIZES:-1000 100000 1000000}
CONNS=${CONNS:-16 64}
D=${D:-20}
WARMUP=${WARMUP:-10}
THREADS=${THREADS:-2}
HEAP=${HEAP:-1g}
LIMITS=${LIMITS:-off raised}
MODES=${MODES:-assign lock redeem}
DEV_SECRET=${DEV_SECRET:-dev-only-secret-change-me-0123456789abcdef}
source "$here/lib.sh"
for tool in java curl wrk python3; do command -v "$tool" >/dev/null || die "needs $tool on PATH"; done

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-http.XXXXXX")
trap 'stop_service; [ "${KEEP:-0}" = 1 ] || rm -rf "$work/data" "$work"/codes-*; log "scratch directory: $work"' EXIT
build_jar

limit_args() {
  local budget=0
  [ "$1" = raised ] && budget=1000000000
  echo "--couponbook.rate-limit.coupon-actions-per-user-per-minute=$budget" \
    "--couponbook.rate-limit.coupon-actions-per-ip-per-minute=$budget" \
    "--couponbook.rate-limit.logins-per-ip-per-minute=$budget"
}

# books_for SIZE C: book ids (comma-separated) holding SIZE codes each, enough for one
# warm-up plus three measured runs at up to 3,000 assignments/s.
books_for() {
  local size=$1 tag=$2 count ids=() i book secs
  count=$(( size >= 100000 ? 1 : (3000 * (WARMUP + 3 * D) + size - 1) / size ))
  codes_file "$work/codes-$tag" "$size" "B$tag-"
  for ((i = 1; i <= count; i++)); do
    book=$(create_book "$token" "bench $tag $i" "${BUDGET:+,\"maxRedemptionsTotal\":$BUDGET}")
    sed "s/^B$tag-/B$tag-$i-/" "$work/codes-$tag" >"$work/codes-$tag-$i"
    secs=$(upload "$token" "$book" "$work/codes-$tag-$i")
    rm -f "$work/codes-$tag-$i"
    ids+=("$book")
    ((count > 1)) || log "uploaded $size codes in ${secs}s ($(python3 -c "print(round($size / $secs))") codes/s)"
  done
  ((count == 1)) || log "uploaded $count books of $size codes"
  (IFS=,; echo "${ids[*]}")
}

echo "| limits | codes per book | connections | action | ops/s | p50 ms | p99 ms | non-2xx | socket errors | CPU ms/op |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for limits in $LIMITS; do
  # shellcheck disable=SC2046
  start_service "$work/data-$limits" $(limit_args "$limits")
  token=$(admin_token)
  warmed=0
  for size in $SIZES; do
    for c in $CONNS; do
      tag="$limits-$size-$c"
      books=$(books_for "$size" "$tag")
      if ((warmed == 0 && WARMUP > 0)); then
        log "warm-up: $WARMUP s of assignments"
        run_wrk "warm-$tag" "$c" "$WARMUP" assign "$token" "$books" - - "warm" >/dev/null
        warmed=1
      fi
      rm -f "$work/assigned-$tag".* "$work/locked-$tag".*
      for mode in $MODES; do
        case $mode in
          assign) result=$(run_wrk "$mode-$tag" "$c" "$D" assign "$token" "$books" - "$work/assigned-$tag" "r$tag") ;;
          lock)
            cat "$work/assigned-$tag".* >"$work/assigned-$tag"
            result=$(run_wrk "$mode-$tag" "$c" "$D" lock "$token" - "$work/assigned-$tag" "$work/locked-$tag" -) ;;
          redeem)
            cat "$work/locked-$tag".* | python3 "$here/mint-tokens.py" "$DEV_SECRET" >"$work/redeem-$tag"
            result=$(run_wrk "$mode-$tag" "$c" "$D" redeem - - "$work/redeem-$tag" - -) ;;
        esac
        log "$tag $mode: $result"
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$limits${BUDGET:+ budget $BUDGET}" "$size" "$c" "$mode" \
          "$(field ops_per_s "$result")" "$(field p50_ms "$result")" "$(field p99_ms "$result")" \
          "$(field non2xx "$result")" "$(field socket_errors "$result")" "$(field cpu_ms_per_op "$result")"
      done
    done
  done
  stop_service
done

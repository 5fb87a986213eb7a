#!/usr/bin/env bash
# Measures the embedded default's start-up: from `java -jar` to /actuator/health answering UP,
# on an empty data directory (first start) and on the same directory again (restart).
# Usage: bench/startup.sh [runs]   (builds the jar first if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
jar=server/target/coupon-book-service.jar
[ -f "$jar" ] || ./mvnw -q -B -DskipTests package
port=18080

measure() {
  local dir=$1 start end
  start=$(date +%s%N)
  (cd "$dir" && exec java -jar "$OLDPWD/$jar" --server.port=$port >"$dir/log.txt" 2>&1) &
  local pid=$!
  until curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 $pid 2>/dev/null || { echo "server died, see $dir/log.txt" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  kill $pid; wait $pid 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

first=(); again=()
for i in $(seq "$runs"); do
  dir=$(mktemp -d)
  first+=("$(measure "$dir")")
  again+=("$(measure "$dir")")
  rm -rf "$dir"
done
echo "first start (empty data dir), ms: ${first[*]}  median $(printf '%s\n' "${first[@]}" | median)"
echo "restart (existing data dir), ms:  ${again[*]}  median $(printf '%s\n' "${again[@]}" | median)"

#!/usr/bin/env bash
# Replays 10^6 events into every read model, times the list endpoints, and rewrites the
# "Read models and replay" section of docs/benchmarks.md. Options pass through as system
# properties, e.g. -Dbench.events=200000 -Dbench.rate=1000.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf server/target/bench-replay-data
./mvnw -B -pl server -am test -Dtest=ReplayBenchmark -DexcludedTestGroups=nothing -Dgroups=benchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.heap=6g "$@"

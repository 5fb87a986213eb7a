#!/usr/bin/env bash
# Soak run: 10 minutes of mixed traffic with generation jobs, heap trend and a final consistency
# check; rewrites the "Soak" section of docs/benchmarks.md. Options pass through as system
# properties, e.g. -Dbench.soak.seconds=120 -Dbench.soak.rate=30.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf server/target/bench-data
./mvnw -B -pl server -am test -Dtest=SoakBenchmark -DexcludedTestGroups=nothing -Dgroups=benchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.heap=2g "$@"

#!/usr/bin/env bash
# Measures assign, lock and redeem over HTTP and rewrites the "Assign, lock, redeem" section of
# docs/benchmarks.md. Options pass through as system properties, e.g. -Dbench.clients=64.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf server/target/bench-data
./mvnw -B -pl server -am test -Dtest=AssignLockRedeemBenchmark -DexcludedTestGroups=nothing -Dgroups=benchmark \
  -Dsurefire.failIfNoSpecifiedTests=false "$@"

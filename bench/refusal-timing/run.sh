#!/usr/bin/env bash
# Measures how long a stranger's lock and redemption attempts take for a code in each state
# (free, held, locked, redeemed, unknown) and rewrites the "Refusal timing by coupon state"
# section of docs/benchmarks.md. Options pass through, e.g. -Dbench.requests=200.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -pl server -am test -Dtest=RefusalTimingBenchmark -DexcludedTestGroups=nothing -Dgroups=benchmark \
  -Dsurefire.failIfNoSpecifiedTests=false "$@"

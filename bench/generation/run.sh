#!/usr/bin/env bash
# Generation benchmark: 1,000,000 codes on the embedded default with worker concurrency 1 and 2.
# Extra arguments go to Maven, e.g. -Dbench.codes=200000 -Dbench.concurrency=1 -Dbench.persistent=false
# (bench.persistent=false: mongo-java-server's in-memory backend instead of the H2 file of the default).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -pl server -am test -Dtest=GenerationBenchmark -DexcludedTestGroups=nothing -Dgroups=benchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.heap=3g "$@"

#!/usr/bin/env bash
# Benchmark for "a simulated year keeps the state database under a stated bound": a year of updates, deploys and
# drift checks written day by day into a new state database, pruned at each day's end with the default retention.
# Needs a PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres (creates and drops bench_year_*).
# Usage: bench/state-year.sh [MODEL_KB=16]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath \
    -Dmdep.includeScope=test >&2
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
java -cp "target/classes:target/test-classes:$(cat target/test.classpath)" io.migrabot.bench.StateYearBench \
    jdbc:postgresql://127.0.0.1:5432/ postgres "${1:-16}"

#!/usr/bin/env bash
# Benchmark for "a scheduled drift check with the expected schema cached under 1 s for 1,000 tables": the doctor's
# examination of a target with 1,000 tables x 10 columns (an index each) and one hand-made change, its expected
# schema in the state database's cache, timed warm in one JVM as the bot runs it.
# Needs a PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres (creates and drops bench_drift*).
# Usage: bench/drift.sh [RUNS=10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath \
    -Dmdep.includeScope=test >&2
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
java -cp "target/classes:target/test-classes:$(cat target/test.classpath)" io.migrabot.bench.DriftBench \
    jdbc:postgresql://127.0.0.1:5432/ postgres "${1:-10}"

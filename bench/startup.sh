#!/usr/bin/env bash
# Benchmark for issue 6: `bin/migrabot run` with 20 targets (each its own database) against the fake Bot API: time
# from the launch to the first getUpdates, over RUNS runs on a built jar and a warm Maven cache, then the resident
# memory of the idle bot after IDLE_S seconds.
# Needs: a PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres (or the embedded fallback of the tests).
# Usage: bench/startup.sh [RUNS=5] [TARGETS=20] [IDLE_S=30]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/test.classpath \
    -Dmdep.includeScope=test >&2
cp="target/classes:target/test-classes:$(cat target/test.classpath)"
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(java -version 2>&1 | head -1)"
java -cp "$cp" io.migrabot.telegram.StartupBench "${1:-5}" "${2:-20}" "${3:-30}"

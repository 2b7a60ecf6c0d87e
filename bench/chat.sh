#!/usr/bin/env bash
# Benchmark for issue 4: simulated admins sending read commands (/heads, /current, /history) to the bot through the
# fake Bot API, each waiting for its answer before the next. The bot runs as its own process with its heap capped.
# Reports throughput and p50/p90/p99 from the update being served to the reply arriving.
# Needs: a PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres (or the embedded fallback of the tests).
# Usage: bench/chat.sh [ADMINS=50] [WARMUP_S=15] [MEASURE_S=30] [HEAP_MB=256] [RATE] [STRANGERS_PER_MINUTE]
# Without RATE the admins send as fast as answers come (saturation: throughput); with RATE they send that many
# commands per second in all (latency at that load); with STRANGERS_PER_MINUTE, 1,000 strangers flood it meanwhile.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath \
    -Dmdep.includeScope=test >&2
cp="target/classes:target/test-classes:$(cat target/test.classpath)"
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(java -version 2>&1 | head -1)"
java -cp "$cp" io.migrabot.telegram.ChatLoadBench "${1:-50}" "${2:-15}" "${3:-30}" "${4:-256}" ${5:-} ${6:-}

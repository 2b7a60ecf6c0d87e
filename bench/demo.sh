#!/usr/bin/env bash
# Benchmark (not a test: nothing here fails on a slow machine) of `migrabot demo`: the time from launching
# `bin/migrabot demo` to its first prompt, over several runs with the jar already built; then what each step of the
# first screen takes (/doctor shop, /doctor billing, /heads, /graph, the upgrade request, bob's approval and the
# upgrade, \quit until everything is removed). Goal (reported, never enforced): first prompt under 5 s.
#
#   bench/demo.sh [RUNS=10]
#
# The demos run with a temporary folder of their own, so the warm-up run (shown, not counted) also unpacks zonky's
# PostgreSQL binaries, as a first start on a machine does; later runs find them unpacked, as every later start
# does. For that folder the JVM options are given as MIGRABOT_JAVA_OPTS, the same bin/migrabot picks for the demo.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${1:-10}"
bin/migrabot --version >/dev/null # builds target/migrabot.jar when it is missing or stale
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath \
    -Dmdep.includeScope=test >&2
cp="target/classes:target/test-classes:$(cat target/test.classpath)"
temporary="$(mktemp -d "${TMPDIR:-/tmp}/migrabot-bench-demo.XXXXXX")"
trap 'rm -rf "$temporary"' EXIT
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(java -version 2>&1 | head -1)"
echo
MIGRABOT_JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.io.tmpdir=$temporary" \
    java -cp "$cp" io.migrabot.bench.DemoBench "$runs" "$root/bin/migrabot" demo
echo
echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

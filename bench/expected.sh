#!/usr/bin/env bash
# Benchmark (not a test: nothing here fails on a slow machine): "finding the matching revision for stamp among 200
# revisions". Each run, in a fresh JVM (io.migrabot.bench.ExpectedBench): generate a native SQL project of
# BENCH_REVISIONS revisions (CREATE TABLE / ALTER TABLE ADD COLUMN / CREATE INDEX, two forks merged), upgrade a live
# database to revision BENCH_STAMP and drop its version table, build every revision's expected schema in shadow
# databases (goal < 60 s), build them again from the state database's cache (goal < 1 s; no shadow), and pick the
# revision at the smallest SchemaDiff distance from the live schema (must be BENCH_STAMP).
#
#   bench/expected.sh [RUNS=5]
#
# Needs a PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres (it creates and drops bench_expected_*
# and migrabot_shadow_* databases), Java 17 and Maven. Environment: BENCH_REVISIONS (200), BENCH_STAMP (137),
# BENCH_CACHED_RUNS (10 builds from the cache per JVM, after a first one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
revisions="${BENCH_REVISIONS:-200}"
stamp="${BENCH_STAMP:-137}"
cached="${BENCH_CACHED_RUNS:-10}"
work="$(mktemp -d "${TMPDIR:-/tmp}/migrabot-expected.XXXXXX")"
trap 'rm -rf "$work"' EXIT

jar="$root/target/migrabot.jar"
bench_class="$root/target/test-classes/io/migrabot/bench/ExpectedBench.class"
if [ ! -f "$jar" ] || [ ! -f "$bench_class" ] \
    || [ -n "$(find "$root/src" "$root/pom.xml" -newer "$jar" -print -quit)" ] \
    || [ -n "$(find "$root/src/test/java" -newer "$bench_class" -print -quit)" ]; then
  echo "building $jar and test classes ..." >&2
  (cd "$root" && mvn -q -B -DskipTests package) >&2
fi

echo "## Machine"
echo
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared with other work)"
echo "- $(nproc) cpus, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1)"
echo "- server $(psql -h 127.0.0.1 -U postgres -X -Atc 'SHOW server_version' -d postgres)"
echo "- migrabot commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src pom.xml bench || echo ' (modified)')"
echo
echo "## $runs runs, each a fresh JVM: $revisions revisions, live database at r$(printf '%03d' "$stamp")"
echo
header="--header"
for _ in $(seq "$runs"); do
  java -cp "$jar:$root/target/test-classes" io.migrabot.bench.ExpectedBench --markdown $header \
    --revisions "$revisions" --stamp "$stamp" --cached-runs "$cached"
  header=""
done | tee "$work/runs.md"

echo
echo "## Spread"
echo
python3 - "$work/runs.md" <<'PY'
import re, statistics, sys
rows = [[c.strip() for c in l.strip().strip("|").split("|")] for l in open(sys.argv[1])
        if l.startswith("| ") and not l.startswith("| revisions")]
cold = [float(r[1]) for r in rows]
first = [float(r[3].split(",")[0]) for r in rows]
median = [float(re.match(r"[\d.]+, ([\d.]+)", r[3]).group(1)) for r in rows]
found = all("WRONG" not in r[6] for r in rows)
def spread(xs, unit):
    return f"median {statistics.median(xs):g} {unit}, min {min(xs):g}, max {max(xs):g}"
print(f"- first build: {spread(cold, 's')}: goal < 60 s {'met' if max(cold) < 60 else 'MISSED'}")
print(f"- from the cache, first call in the JVM: {spread(first, 'ms')}; median of the later calls: "
      f"{spread(median, 'ms')}: goal < 1 s {'met' if max(first) < 1000 else 'MISSED'}")
print(f"- the matching revision found in every run: {'yes' if found else 'NO'}")
PY
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

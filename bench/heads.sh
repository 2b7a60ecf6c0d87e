#!/usr/bin/env bash
# Benchmark (not a test: nothing here fails on a slow machine): `migrabot heads` against `alembic heads` on
# generated projects of 1,000 and 10,000 revisions, in-process (cold, warm, heap) and as whole commands.
#
#   bench/heads.sh [WORKDIR]
#
# WORKDIR (default: a new temp dir) receives the projects p<N>/ and the results (*.md, *.json, *.txt).
# Environment: BENCH_SIZES (default "1000 10000"), BENCH_SEED (42), BENCH_RUNS (hyperfine runs, 10),
# BENCH_INPROCESS_RUNS (fresh JVMs per size for the in-process bench, 3), BENCH_JAVA_OPTS (extra JVM flags for the
# in-process bench, default none: it stands for the long-running bot process), BENCH_QUIET_WAIT (seconds to wait
# for an idle machine before each timed section, default 0).
#
# Goals checked at the end (reported, never enforced):
#   whole `migrabot heads` <= 0.8x `alembic heads` on 1,000 revisions and <= 0.5x on 10,000 (JVM start included,
#   hyperfine means, alembic with its bytecode cache: the stricter of the two ways it is timed)
#   in-process warm reload of 10,000 revisions < 150 ms (median)
#   heads from a loaded graph < 1 ms
#   retained heap for 10,000 revisions < 64 MB, and a load under -Xmx64m succeeds
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d "${TMPDIR:-/tmp}/migrabot-bench.XXXXXX")}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
sizes="${BENCH_SIZES:-1000 10000}"
seed="${BENCH_SEED:-42}"
runs="${BENCH_RUNS:-10}"
inprocess_runs="${BENCH_INPROCESS_RUNS:-3}"
java_opts="${BENCH_JAVA_OPTS:-}"
migrabot_opts="${MIGRABOT_JAVA_OPTS:-}" # passed through to bin/migrabot unchanged

say() { printf '\n## %s\n\n' "$*"; }

# Share of the machine's CPU in use (all processes) over one second, in percent.
cpu_busy() {
  local a b idle total
  read -r -a a < /proc/stat; sleep 1; read -r -a b < /proc/stat
  idle=$(( (b[4] + b[5]) - (a[4] + a[5]) ))
  total=$(( (b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + b[7] + b[8]) - (a[1] + a[2] + a[3] + a[4] + a[5] + a[6] + a[7] + a[8]) ))
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

# Before a timed run: wait up to BENCH_QUIET_WAIT seconds (default 0: just measure) for the machine to be idle
# (< 10% busy for 3 seconds running); prints the last busy percentage. Other work inflates wall times.
quiet_wait="${BENCH_QUIET_WAIT:-0}"
wait_quiet() {
  local waited=0 calm=0 now
  while :; do
    now="$(cpu_busy)"
    waited=$((waited + 1))
    if [ "$now" -lt 10 ]; then calm=$((calm + 1)); else calm=0; fi
    if [ "$calm" -ge 3 ] || [ "$waited" -ge "$quiet_wait" ]; then break; fi
  done
  echo "$now"
}
busy() {
  echo "_CPU busy (all processes) in the second before this section: $(wait_quiet)%_"
  echo
}

# ---- tools ----
if ! command -v hyperfine >/dev/null; then
  echo "installing hyperfine ..." >&2
  sudo_="" ; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  { $sudo_ apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq hyperfine; } \
    > "$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 2; }
fi
command -v alembic >/dev/null || { echo "bench: alembic is not on PATH" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench: python3 is needed to summarise" >&2; exit 2; }

# ---- build: the jar (main code and its dependencies) and the test classes (generator, bench) ----
jar="$root/target/migrabot.jar"
bench_class="$root/target/test-classes/io/migrabot/bench/HeadsBench.class"
if [ ! -f "$jar" ] || [ ! -f "$bench_class" ] \
    || [ -n "$(find "$root/src" "$root/pom.xml" -newer "$jar" -print -quit)" ] \
    || [ -n "$(find "$root/src/test/java/io/migrabot/bench" -newer "$bench_class" -print -quit)" ]; then
  echo "building $jar and test classes ..." >&2
  (cd "$root" && mvn -q -B -DskipTests package) >&2
fi
cp="$jar:$root/target/test-classes"

say "Machine"
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine inflates wall times)"
echo "- $(nproc) cpus, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "- $(java -version 2>&1 | head -1); $(alembic --version 2>&1); $(python3 --version); $(hyperfine --version)"
echo "- migrabot commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src pom.xml bin || echo ' (modified)')"
echo "- bin/migrabot JVM flags: ${migrabot_opts:-(script default)}; in-process bench flags: ${java_opts:-(JVM default)}"

# ---- projects, and the same heads from both ----
say "Projects (seed $seed)"
for n in $sizes; do
  project="$work/p$n"
  java -cp "$cp" io.migrabot.bench.ProjectGenerator "$project" "$n" "$seed" | sed 's/^/- /'
  ini="$project/alembic.ini"
  "$root/bin/migrabot" heads -c "$ini" | sort > "$work/heads-migrabot-$n.txt"
  alembic -c "$ini" heads | sort > "$work/heads-alembic-$n.txt"
  if ! diff -u "$work/heads-alembic-$n.txt" "$work/heads-migrabot-$n.txt" >&2; then
    echo "bench: migrabot and alembic disagree on the heads of $project (diff above)" >&2
    exit 1
  fi
  echo "- p$n: both print the same $(wc -l < "$work/heads-alembic-$n.txt") heads: $(tr '\n' ';' < "$work/heads-alembic-$n.txt" | sed 's/;$//; s/;/; /g')"
done

# ---- in-process ----
say "In-process (each row a fresh JVM; warm = 30 reloads after 10 warm-ups)"
header="--header"
: > "$work/inprocess-busy.txt"
for n in $sizes; do
  for _ in $(seq "$inprocess_runs"); do
    wait_quiet >> "$work/inprocess-busy.txt"
    # shellcheck disable=SC2086
    java $java_opts -cp "$cp" io.migrabot.bench.HeadsBench --markdown $header --label "p$n" "$work/p$n/alembic.ini"
    header=""
  done
done | tee "$work/inprocess.md"
echo
echo "_CPU busy (all processes) in the second before each row: $(paste -sd, "$work/inprocess-busy.txt" | sed 's/,/%, /g')%_"

say "Small heaps (load once, then GC; the smallest -Xmx that works)"
for n in $sizes; do
  ini="$work/p$n/alembic.ini"
  # shellcheck disable=SC2086
  echo "- p$n, in-process under -Xmx64m: $(java $java_opts -Xmx64m -cp "$cp" io.migrabot.bench.HeadsBench --once "$ini" 2>&1 | tail -1)"
  if MIGRABOT_JAVA_OPTS="${migrabot_opts:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} -Xmx64m" \
      "$root/bin/migrabot" heads -c "$ini" > /dev/null 2> "$work/xmx64-$n.err"; then
    echo "- p$n, \`bin/migrabot heads\` under -Xmx64m: ok"
  else
    echo "- p$n, \`bin/migrabot heads\` under -Xmx64m: FAILED ($(tail -1 "$work/xmx64-$n.err"))"
  fi
  smallest=""
  for mb in 64 48 32 24 16 12 8; do
    # shellcheck disable=SC2086
    if java $java_opts -Xmx${mb}m -cp "$cp" io.migrabot.bench.HeadsBench --once "$ini" > /dev/null 2>&1; then
      smallest="$mb"
    else
      break
    fi
  done
  echo "- p$n: smallest -Xmx (of 64/48/32/24/16/12/8 MB) for an in-process load: ${smallest:-none}${smallest:+ MB}"
done | tee "$work/heap.md"

# ---- whole commands ----
# Python caches compiled revision files in versions/__pycache__ unless PYTHONDONTWRITEBYTECODE is set (it is in
# some sandboxes). A developer's checkout normally has that cache, so `alembic heads` is timed both ways: with the
# cache (written by the warm-up run) and without it (removed before each run).
for n in $sizes; do
  ini="$work/p$n/alembic.ini"
  pycache="$work/p$n/migrations/versions/__pycache__"
  rm -rf "$pycache"
  say "Whole command, $n revisions (hyperfine, warmup 1, $runs runs)"
  # bin/migrabot makes its cache for `heads` after the first run, in the background (on Java 25): wait for it, so
  # that the runs measured are the steady state a person gets and nothing else competes with them.
  "$root/bin/migrabot" heads -c "$ini" > /dev/null
  for _ in $(seq 600); do compgen -G "$root/target/cds/*/heads.aot.making" >/dev/null || break; sleep 0.1; done
  echo "bin/migrabot runs on $(cat "$(ls -t "$root"/target/cds/*/made 2>/dev/null | head -1)" 2>/dev/null || echo "an unrecorded Java (MIGRABOT_CDS=off)")"
  echo
  busy
  hyperfine --warmup 1 --runs "$runs" --style none \
    --export-markdown "$work/hyperfine-$n.md" --export-json "$work/hyperfine-$n.json" \
    -p true -n "migrabot heads ($n)" "$root/bin/migrabot heads -c $ini" \
    -p true -n "alembic heads ($n, bytecode cached)" "env -u PYTHONDONTWRITEBYTECODE alembic -c $ini heads" \
    -p "rm -rf $pycache" -n "alembic heads ($n, no bytecode cache)" \
    "env PYTHONDONTWRITEBYTECODE=1 alembic -c $ini heads" > "$work/hyperfine-$n.txt" 2>&1 \
    || { cat "$work/hyperfine-$n.txt" >&2; exit 1; }
  rm -rf "$pycache"
  cat "$work/hyperfine-$n.md"
  python3 - "$work/hyperfine-$n.json" <<'PY'
import json, sys
print()
print("| Command | user+sys CPU [ms] (mean) | min wall [ms] |")
print("|:---|---:|---:|")
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"| `{r['command']}` | {(r['user'] + r['system']) * 1000:.0f} | {r['min'] * 1000:.0f} |")
PY
done

# ---- goals ----
say "Goals"
python3 - "$work" $sizes <<'PY'
import json, re, sys, statistics
work, sizes = sys.argv[1], sys.argv[2:]
big = max(sizes, key=int)
rows = [l for l in open(f"{work}/inprocess.md") if l.startswith(f"| p{big} |")]
cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]
warm = statistics.median(float(c[5].split("/")[0]) for c in cells)
cached = statistics.median(float(c[9].split("/")[0]) for c in cells)
heads_ns = max(max(float(c[10]), float(c[11])) for c in cells)
heap = max(float(c[12].split()[0]) for c in cells)
heapmd = open(f"{work}/heap.md").read()
xmx_ok = re.search(rf"p{big}, in-process under -Xmx64m: loaded", heapmd) is not None
def line(goal, value, ok):
    print(f"| {goal} | {value} | {'met' if ok else 'MISSED'} |")
print("| goal | measured | |")
print("|---|---|---|")
for size in sizes:
    h = json.load(open(f"{work}/hyperfine-{size}.json"))["results"]
    mig = next(r for r in h if r["command"].startswith("migrabot"))
    ale = next(r for r in h if "bytecode cached" in r["command"])
    ale_cold = next(r for r in h if "no bytecode cache" in r["command"])
    ratio = mig["mean"] / ale["mean"]
    goal = 0.5 if int(size) >= 10000 else 0.8 if int(size) >= 1000 else 1.0
    line(f"`migrabot heads` <= {goal}x `alembic heads` ({size} revisions, hyperfine means, alembic with its bytecode "
         "cache)", f"{mig['mean']*1000:.0f} ms vs {ale['mean']*1000:.0f} ms = {ratio:.2f}x (min vs min: "
         f"{mig['min']/ale['min']:.2f}x; vs alembic without the cache, {ale_cold['mean']*1000:.0f} ms: "
         f"{mig['mean']/ale_cold['mean']:.2f}x)", ratio <= goal)
line(f"in-process warm reload of {big} < 150 ms, every file re-read and re-parsed",
     f"{warm:.1f} ms (median of the rows' medians)", warm < 150)
line(f"in-process warm reload of {big} < 150 ms, unchanged files from the RevisionFileCache (as the bot reloads)",
     f"{cached:.1f} ms (median of the rows' medians)", cached < 150)
line("heads from a loaded graph < 1 ms", f"{heads_ns:.1f} ns (worst of graph.heads() / Heads.list)", heads_ns < 1e6)
line(f"heap for {big} < 64 MB", f"{heap:.1f} MB retained; -Xmx64m load {'ok' if xmx_ok else 'FAILED'}",
     heap < 64 and xmx_ok)
PY
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); results in $work"

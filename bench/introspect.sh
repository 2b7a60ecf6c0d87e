#!/usr/bin/env bash
# Benchmark (not a test: nothing here fails on a slow machine): reading a database's schema with migrabot's
# SchemaIntrospector, and diffing it against a drifted copy, side by side with `pg_dump --schema-only` of the
# same database.
#
#   bench/introspect.sh [WORKDIR]
#
# Makes two databases: bench_schema with BENCH_TABLES tables of 10 columns (a serial primary key, a unique
# constraint, a check constraint, two more indexes, a foreign key on every other table), an enum, views and a
# materialized view; and bench_schema_drift, a copy with five changes. WORKDIR (default: a new temp dir) receives
# the results (*.md, *.json, *.txt). Needs a PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres, psql,
# pg_dump, python3, hyperfine (installed when missing).
# Environment: BENCH_TABLES (default 1000), BENCH_RUNS (hyperfine runs, 10), BENCH_INPROCESS_RUNS (fresh JVMs for
# the in-process bench, 3), BENCH_KEEP=1 keeps the databases.
#
# Goal checked at the end (reported, never enforced): the in-process warm read <= 1/2 of the whole
# `pg_dump --schema-only` command. Measured two ways: each read paired with a pg_dump run right after it (the
# median ratio; both see about the same load from other work), and the reads' median against hyperfine's mean.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d "${TMPDIR:-/tmp}/migrabot-introspect.XXXXXX")}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
tables="${BENCH_TABLES:-1000}"
runs="${BENCH_RUNS:-10}"
inprocess_runs="${BENCH_INPROCESS_RUNS:-3}"
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
db=bench_schema
drift=bench_schema_drift
url="jdbc:postgresql://127.0.0.1:5432"

say() { printf '\n## %s\n\n' "$*"; }

if [ "${BENCH_KEEP:-0}" != 1 ]; then
  trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true; dropdb --if-exists "$drift" >/dev/null 2>&1 || true' EXIT
fi

# ---- tools and build ----
if ! command -v hyperfine >/dev/null; then
  echo "installing hyperfine ..." >&2
  sudo_="" ; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  { $sudo_ apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq hyperfine; } \
    > "$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 2; }
fi
for tool in psql pg_dump python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not on PATH" >&2; exit 2; }
done
jar="$root/target/migrabot.jar"
bench_class="$root/target/test-classes/io/migrabot/bench/IntrospectBench.class"
if [ ! -f "$jar" ] || [ ! -f "$bench_class" ] \
    || [ -n "$(find "$root/src" "$root/pom.xml" -newer "$jar" -print -quit)" ] \
    || [ -n "$(find "$root/src/test/java" -newer "$bench_class" -print -quit)" ]; then
  echo "building $jar and test classes ..." >&2
  (cd "$root" && mvn -q -B -DskipTests package) >&2
fi
cp="$jar:$root/target/test-classes"

# ---- databases ----
# Tables are made in batches of 50 per transaction: one transaction for all would need more lock slots than the
# default max_locks_per_transaction gives.
dropdb --if-exists "$drift" && dropdb --if-exists "$db" && createdb "$db"
psql -q -X -v ON_ERROR_STOP=1 -d "$db" <<SQL
CREATE TYPE state AS ENUM ('new', 'active', 'closed');
DO \$\$
BEGIN
  FOR i IN 1..$tables LOOP
    EXECUTE format('CREATE TABLE t%1\$s (
        id bigserial PRIMARY KEY,
        parent_id bigint %2\$s,
        name text NOT NULL,
        code varchar(32) NOT NULL UNIQUE,
        amount numeric(12,2) NOT NULL DEFAULT 0 CHECK (amount >= 0),
        qty integer,
        state state NOT NULL DEFAULT ''new'',
        data jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz)',
      i, CASE WHEN i % 2 = 0 THEN format('REFERENCES t%s (id)', i - 1) ELSE '' END);
    EXECUTE format('CREATE INDEX t%1\$s_name ON t%1\$s (name)', i);
    EXECUTE format('CREATE INDEX t%1\$s_recent ON t%1\$s (created_at DESC) WHERE state <> ''closed''', i);
    IF i % 100 = 0 THEN
      EXECUTE format('CREATE VIEW v%1\$s AS SELECT id, name, amount FROM t%1\$s WHERE state = ''active''', i);
    END IF;
    IF i % 50 = 0 THEN
      COMMIT;
    END IF;
  END LOOP;
END
\$\$;
CREATE MATERIALIZED VIEW totals AS SELECT state, sum(amount) AS amount FROM t1 GROUP BY state;
SQL
createdb -T "$db" "$drift"
psql -q -X -v ON_ERROR_STOP=1 -d "$drift" <<'SQL'
ALTER TABLE t10 ALTER COLUMN name TYPE varchar(200);
ALTER TABLE t20 ALTER COLUMN qty SET DEFAULT 1;
DROP INDEX t30_name;
CREATE TABLE extra (id bigserial PRIMARY KEY, note text);
ALTER TABLE t40 DROP CONSTRAINT t40_amount_check, ADD CONSTRAINT t40_amount_check CHECK (amount > 0);
SQL
psql -q -X -d "$db" -c "VACUUM ANALYZE" -c "CHECKPOINT"

say "Machine"
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine inflates wall times)"
echo "- $(nproc) cpus, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "- $(java -version 2>&1 | head -1); $(pg_dump --version); server $(psql -X -Atc 'SHOW server_version' -d "$db"); $(hyperfine --version)"
echo "- migrabot commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src pom.xml bench || echo ' (modified)')"
echo "- database $db: $(psql -X -Atc "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace" -d "$db") tables, pg_dump --schema-only output $(pg_dump --schema-only -d "$db" | wc -c | awk '{printf "%.0f KB", $1/1024}')"

dump="pg_dump --schema-only -h 127.0.0.1 -U postgres -d $db -f /dev/null"

say "In-process (each row a fresh JVM; warm = 30 reads after 10 warm-ups; then 30 reads paired with \`$dump\`)"
header="--header"
for _ in $(seq "$inprocess_runs"); do
  java -cp "$cp" io.migrabot.bench.IntrospectBench --markdown $header --paired "$dump" "$url/$db" "$url/$drift"
  header=""
done | tee "$work/inprocess.md"
java -cp "$cp" io.migrabot.bench.IntrospectBench --runs 3 --warmups 1 "$url/$db" "$url/$drift" \
  | sed -n '/^diff against/,/^jvm:/p' | grep -v '^jvm:' > "$work/diff.txt"
echo
cat "$work/diff.txt"

say "Whole commands (hyperfine, warmup 2, $runs runs)"
hyperfine --warmup 2 --runs "$runs" --style none \
  --export-markdown "$work/hyperfine.md" --export-json "$work/hyperfine.json" \
  -n "pg_dump --schema-only" "$dump" \
  -n "java IntrospectBench --once (JVM start + one cold read)" \
    "java -cp $cp io.migrabot.bench.IntrospectBench --once $url/$db" > "$work/hyperfine.txt" 2>&1 \
  || { cat "$work/hyperfine.txt" >&2; exit 1; }
cat "$work/hyperfine.md"

say "Goal"
python3 - "$work" <<'PY'
import json, statistics, sys
work = sys.argv[1]
rows = [l for l in open(f"{work}/inprocess.md") if l.startswith("| ") and "tables" in l]
cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]
medians = [float(c[2].split("/")[0]) for c in cells]
warm = statistics.median(medians)
ratios = [float(c[8].split("=")[1]) for c in cells]
paired = statistics.median(ratios)
h = json.load(open(f"{work}/hyperfine.json"))["results"]
dump = next(r for r in h if r["command"].startswith("pg_dump"))
whole = next(r for r in h if r["command"].startswith("java"))
ratio = warm / (dump["mean"] * 1000)
def verdict(r):
    return "met" if r <= 0.5 else "MISSED"
print("| goal: in-process warm read <= 1/2 of `pg_dump --schema-only` | measured | |")
print("|---|---|---|")
print(f"| paired, read / pg_dump right after it | {paired:.2f}x (median of the JVMs' medians: "
      f"{' / '.join(f'{r:.2f}' for r in ratios)}) | {verdict(paired)} |")
print(f"| separately, reads' median / hyperfine mean | {warm:.1f} ms (the JVMs' medians: "
      f"{' / '.join(f'{m:.1f}' for m in medians)}) vs {dump['mean']*1000:.0f} ms (min {dump['min']*1000:.0f}, "
      f"max {dump['max']*1000:.0f}) = {ratio:.2f}x | {verdict(ratio)} |")
print(f"| (for comparison) a whole JVM reading once, start included | {whole['mean']*1000:.0f} ms "
      f"= {whole['mean']/dump['mean']:.2f}x of pg_dump | |")
PY
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); results in $work"

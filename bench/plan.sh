#!/usr/bin/env bash
# Benchmark for issue 13: what `migrabot plan` adds to a request. A native SQL project of 1,000 revisions, each
# creating a table with a serial primary key and a few columns (a 1,000-table project), the database upgraded to
# revision 950, and 50 pending revisions that change those tables (add a column with a default, build an index,
# change a type, add a foreign key, drop a column, in turn). Each run times `migrabot sql` of the same range (the fixed
# cost of starting and reading the project), then `migrabot plan upgrade head` twice: first with no kept shadow (one
# made, 950 revisions replayed, a copy kept, 50 measured, sizes read, the shadow dropped), then again with the
# shadow kept by the first (its spare copy taken, 50 measured). A plan prints its answer before it drops the shadow
# it used and copies a spare for the next plan, so each plan is timed to its answer (its first line of output) and
# to its exit. What a plan adds is its time to answer minus the sql's. The phases
# each plan logged (MIGRABOT_LOG_LEVEL=debug) follow each run. With BEFORE, the root of another checkout (an older
# commit, built), its `bin/migrabot plan` is timed in the same runs, on the same database, for a comparison under the
# same load. And the floor of the first plan's replay, each run: `psql -1` with the 950 CREATE TABLEs into a new
# database (made and dropped untimed), what the server alone needs for what a first plan replays.
# Needs: PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres (CREATEDB), psql.
# Then, in one JVM as the bot runs (PlanBench), six plans of the same upgrade 5 s apart, each Impact.plan timed: the
# first builds and keeps the shadow, the later ones take the spare the one before left.
# Usage: bench/plan.sh [RUNS=5] [BEFORE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
before="${2:-}"
[ -f "$root/target/migrabot.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
work="$(mktemp -d)"
export PGHOST=127.0.0.1 PGUSER=postgres
# The shadow kept for this benchmark's target and its spare copy: migrabot_shadow_kept_ or migrabot_shadow_spare_,
# 8 hex digits of SHA-256 of its name (adhoc), a newline and its URL, then the state's.
family="$(printf 'adhoc\njdbc:postgresql://127.0.0.1:5432/bench_plan' | sha256sum | cut -c1-8)_"
drop_kept() {
  local name
  for name in $(psql -X -A -t -d postgres -c "SELECT datname FROM pg_database WHERE starts_with(datname, \
      'migrabot_shadow_kept_$family') OR starts_with(datname, 'migrabot_shadow_spare_$family')"); do
    psql -X -q -d postgres -c "DROP DATABASE $name WITH (FORCE)" >/dev/null
  done
}
trap 'rm -rf "$work"; drop_kept || true; dropdb --if-exists bench_plan >/dev/null 2>&1 || true
  dropdb --if-exists bench_plan_floor >/dev/null 2>&1 || true' EXIT
mkdir -p "$work/sql"
prev=""
for i in $(seq 1 1000); do
  id=$(printf 'r%04d' "$i")
  if [ "$i" -le 950 ]; then
    sql="CREATE TABLE t_$i (id serial PRIMARY KEY, name text, score int, ref int);"
  else
    t=$((i - 950))
    case $((t % 5)) in
      0) sql="ALTER TABLE t_$t ADD COLUMN extra int DEFAULT 0;" ;;
      1) sql="CREATE INDEX t_${t}_name ON t_$t (name);" ;;
      2) sql="ALTER TABLE t_$t ALTER COLUMN score TYPE bigint;" ;;
      3) sql="ALTER TABLE t_$t ADD CONSTRAINT t_${t}_ref FOREIGN KEY (ref) REFERENCES t_$((t + 1)) (id);" ;;
      4) sql="ALTER TABLE t_$t DROP COLUMN name;" ;;
    esac
  fi
  printf -- '-- revision: %s\n-- down_revision: %s\n-- migrate:up\n%s\n' "$id" "$prev" "$sql" > "$work/sql/$id.sql"
  [ "$i" -gt 950 ] || echo "$sql" >> "$work/floor.sql"
  prev="$id"
done
dropdb --if-exists bench_plan >/dev/null 2>&1 || true
createdb bench_plan
target=(--dir "$work/sql" --url jdbc:postgresql://127.0.0.1:5432/bench_plan --user postgres)
"$root/bin/migrabot" upgrade r0950 "${target[@]}" >/dev/null 2>&1
psql -q -X -d bench_plan -c "INSERT INTO t_1 (name, score) SELECT 'n' || i, i FROM generate_series(1, 200000) i" \
  -c "ANALYZE" >/dev/null
ms() { local start end; start=$(date +%s%N); "$@" >"$work/out" 2>"$work/stderr" || [ $? -eq 1 ] \
  || { cat "$work/stderr" >&2; exit 1; }; end=$(date +%s%N); echo $(((end - start) / 1000000)); }
# Runs a command; prints when its first line of output came (its answer) and when it ended, in ms from its start.
answer_ms() { python3 - "$work" "$@" <<'PY'
import subprocess, sys, time
work, command = sys.argv[1], sys.argv[2:]
start = time.monotonic()
with open(work + "/stderr", "wb") as err:
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err)
    first = process.stdout.readline()
    answered = time.monotonic()
    rest = process.stdout.read()
    status = process.wait()
ended = time.monotonic()
with open(work + "/out", "wb") as out:
    out.write(first + rest)
if status not in (0, 1):
    sys.stderr.write(open(work + "/stderr").read())
    sys.exit(1)
print(round((answered - start) * 1000), round((ended - start) * 1000))
PY
}
phases() { sed -n 's/.* - target adhoc: //p; s/.* - \(dropped the shadow database\)/\1/p' "$work/stderr" \
  | sed 's/migrabot_shadow_[0-9a-f_keptsr]*/(shadow)/g; s/^/    /'; }
echo "## plan of 50 pending revisions on a 1,000-table project ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
# Untimed: each command's class cache is recorded by its first run and made in the background after it.
ms "$root/bin/migrabot" sql r0950:head "${target[@]}" >/dev/null
ms "$root/bin/migrabot" plan upgrade head "${target[@]}" >/dev/null
[ -z "$before" ] || ms "$before/bin/migrabot" plan upgrade head "${target[@]}" >/dev/null
sleep 10
for run in $(seq 1 "$runs"); do
  dropdb --if-exists bench_plan_floor >/dev/null 2>&1
  createdb bench_plan_floor
  floor=$(ms psql -X -q -1 -d bench_plan_floor -f "$work/floor.sql")
  s=$(ms "$root/bin/migrabot" sql r0950:head "${target[@]}")
  drop_kept
  sleep 1
  export MIGRABOT_LOG_LEVEL=debug
  read -r first first_end < <(answer_ms "$root/bin/migrabot" plan upgrade head "${target[@]}")
  first_phases="$(phases)"
  read -r cached cached_end < <(answer_ms "$root/bin/migrabot" plan upgrade head "${target[@]}")
  cached_phases="$(phases)"
  unset MIGRABOT_LOG_LEVEL
  echo "run $run: replay floor (psql -1) $floor ms; sql $s ms; first plan answers at $first ms (adds $((first - s)) ms; exits at $first_end ms); cached plan answers at $cached ms (adds $((cached - s)) ms; exits at $cached_end ms)"
  if [ -n "$before" ]; then
    old=$(ms "$before/bin/migrabot" plan upgrade head "${target[@]}")
    echo "  before ($before): plan $old ms (adds $((old - s)) ms)"
  fi
  echo "  first:"; echo "$first_phases"; echo "  cached:"; echo "$cached_phases"
done
head -3 "$work/out"
echo "## in the bot's long-running JVM (PlanBench: Impact.plan timed, requests 5 s apart, one set of shadows)"
drop_kept
(cd "$root" && mvn -q -B -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath >/dev/null)
java -cp "$root/target/classes:$root/target/test-classes:$(cat "$root/target/test.classpath")" \
  io.migrabot.bench.PlanBench "$work/sql" jdbc:postgresql://127.0.0.1:5432/bench_plan postgres 6 5
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at the end"

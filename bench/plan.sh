#!/usr/bin/env bash
# Benchmark for issue 13: what `migrabot plan` adds to a request. A native SQL project of 1,000 revisions, each
# creating a table with a serial primary key and a few columns (a 1,000-table project), the database upgraded to
# revision 950, and 50 pending revisions that change those tables (add a column with a default, build an index,
# change a type, add a foreign key, drop a column, in turn). Times `migrabot plan upgrade head` (shadow made,
# 950 revisions replayed, 50 measured, sizes read, shadow dropped) RUNS times, against `migrabot pending`-like
# `migrabot sql` of the same range for the fixed cost of starting and reading the project.
# Needs: PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres (CREATEDB), psql. Usage: bench/plan.sh [RUNS=5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
[ -f "$root/target/migrabot.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
work="$(mktemp -d)"
trap 'rm -rf "$work"; dropdb -h 127.0.0.1 -U postgres --if-exists bench_plan >/dev/null 2>&1 || true' EXIT
export PGHOST=127.0.0.1 PGUSER=postgres
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
echo "## plan of 50 pending revisions on a 1,000-table project ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
ms "$root/bin/migrabot" plan upgrade head "${target[@]}" >/dev/null   # untimed: class-data archive, caches
for run in $(seq 1 "$runs"); do
  s=$(ms "$root/bin/migrabot" sql r0950:head "${target[@]}")
  p=$(ms "$root/bin/migrabot" plan upgrade head "${target[@]}")
  echo "run $run: plan $p ms, sql $s ms, plan adds $((p - s)) ms"
done
head -3 "$work/out"
echo "load $(cut -d' ' -f1 /proc/loadavg) at the end"

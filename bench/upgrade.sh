#!/usr/bin/env bash
# Benchmark for issue 3: apply N generated revisions (each a CREATE TABLE with a serial primary key) to an empty
# database, as whole commands, side by side:
#   psql      the same statements in one transaction (the floor)
#   migrabot  `migrabot upgrade head` on the native SQL folder (one transaction per revision + version table)
#   alembic   `alembic upgrade head` on the equivalent Alembic project (op.execute of the same statement)
# and a backup: `migrabot backup` (pg_dump -Fc + SHA-256 + pg_restore --list) against a plain `pg_dump -Fc`.
# Needs: a PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres, psql, pg_dump, alembic, psycopg2,
# hyperfine (installed when missing). Usage: bench/upgrade.sh [N=1000] [RUNS=5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-1000}"
runs="${2:-5}"
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
[ -f "$root/target/migrabot.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
work="$(mktemp -d)"
made=()
trap 'rm -rf "$work"; for d in "${made[@]}" bench_backup; do dropdb -h 127.0.0.1 -U postgres --if-exists "$d" \
  >/dev/null 2>&1 || true; done' EXIT
export PGHOST=127.0.0.1 PGUSER=postgres

mkdir -p "$work/sql" "$work/alembic/migrations/versions"
{ echo "BEGIN;"; for i in $(seq 1 "$n"); do echo "CREATE TABLE t_$i (id serial PRIMARY KEY);"; done; echo "COMMIT;"; } > "$work/all.sql"
prev=""
for i in $(seq 1 "$n"); do
  id=$(printf 'r%05d' "$i")
  printf -- '-- revision: %s\n-- down_revision: %s\n-- message: table %s\n-- migrate:up\nCREATE TABLE t_%s (id serial PRIMARY KEY);\n-- migrate:down\nDROP TABLE t_%s;\n' \
    "$id" "$prev" "$i" "$i" "$i" > "$work/sql/$id.sql"
  down=$([ -z "$prev" ] && echo None || echo "'$prev'")
  printf '"""table %s"""\nfrom alembic import op\n\nrevision = %s\ndown_revision = %s\n\n\ndef upgrade():\n    op.execute("CREATE TABLE t_%s (id serial PRIMARY KEY)")\n\n\ndef downgrade():\n    op.execute("DROP TABLE t_%s")\n' \
    "$i" "'$id'" "$down" "$i" "$i" > "$work/alembic/migrations/versions/$id.py"
  prev="$id"
done
printf '[alembic]\nscript_location = %%(here)s/migrations\n' > "$work/alembic/alembic.ini"
cat > "$work/alembic/migrations/env.py" <<'PY'
import os
from alembic import context
from sqlalchemy import create_engine, pool
engine = create_engine(os.environ["DATABASE_URL"], poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
PY

# Interleaved rounds (psql, migrabot, Alembic, psql, ...), each command on a database of its own made just before it
# (then a CHECKPOINT, so no run pays for the last one's writes). None is dropped until the end: right after a
# DROP DATABASE of 1,000 tables this machine's file system creates files 1.5-3x slower for a while, which made the
# same command take 1 s or 3 s depending on what ran before it. An untimed psql run absorbs earlier drops, and an
# untimed first round lets psql and Alembic fill their caches and bin/migrabot record its class-data archive or
# ahead-of-time cache for `upgrade` (see bin/migrabot): the rounds measured are the steady state a person gets.
fresh() { createdb "$1" && made+=("$1") && psql -q -X -c CHECKPOINT >/dev/null; }
ms() { local start end; start=$(date +%s%N); "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  end=$(date +%s%N); echo $(((end - start) / 1000000)); }
fresh bench_absorb && psql -q -X -d bench_absorb -f "$work/all.sql" >/dev/null
echo "## Upgrade of $n revisions on an empty database ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at start)"
for round in $(seq 0 "$runs"); do
  fresh "bench_p$round"; p=$(ms psql -q -X -v ON_ERROR_STOP=1 -d "bench_p$round" -f "$work/all.sql")
  fresh "bench_m$round"; m=$(ms "$root/bin/migrabot" upgrade head --dir "$work/sql" \
    --url "jdbc:postgresql://127.0.0.1:5432/bench_m$round" --user postgres)
  fresh "bench_a$round"; a=$(ms env "DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_a$round" \
    alembic -c "$work/alembic/alembic.ini" upgrade head)
  [ "$round" -eq 0 ] || echo "$p $m $a" >> "$work/rounds"
  # After the first round, bin/migrabot makes its cache for `upgrade` in the background (on Java 25): wait for it.
  for _ in $(seq 600); do compgen -G "$root/target/cds/*/upgrade.aot.making" >/dev/null || break; sleep 0.1; done
done
echo "bin/migrabot ran on $(cat "$(ls -t "$root"/target/cds/*/made 2>/dev/null | head -1)" 2>/dev/null || echo "an unrecorded Java (MIGRABOT_CDS=off)")"
echo
awk -v ld="$(cut -d' ' -f1 /proc/loadavg)" '
  function median(a, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) {
      t = a[i]; a[i] = a[j]; a[j] = t }; return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
  { k++; p[k] = $1; m[k] = $2; a[k] = $3; rp[k] = $2 / $1; ra[k] = $2 / $3; line = line sprintf(" %d/%d/%d", $1, $2, $3) }
  END {
    printf "| command | median | min | max |\n|---|---|---|---|\n"
    split("", s); for (i = 1; i <= k; i++) s[i] = p[i]; mp = median(s, k)
    printf "| psql -1 (floor) | %d ms | %d | %d |\n", mp, min(p, k), max(p, k)
    split("", s); for (i = 1; i <= k; i++) s[i] = m[i]; mm = median(s, k)
    printf "| migrabot upgrade head | %d ms | %d | %d |\n", mm, min(m, k), max(m, k)
    split("", s); for (i = 1; i <= k; i++) s[i] = a[i]; ma = median(s, k)
    printf "| alembic upgrade head | %d ms | %d | %d |\n", ma, min(a, k), max(a, k)
    split("", s); for (i = 1; i <= k; i++) s[i] = rp[i]; x = median(s, k)
    split("", s); for (i = 1; i <= k; i++) s[i] = ra[i]; y = median(s, k)
    printf "\nmigrabot / psql: %.2fx (goal <= 1.3x); migrabot / Alembic: %.2fx (goal <= 0.6x); medians of the %d " \
      "rounds'"'"' ratios; load %s at the end\nrounds (psql/migrabot/Alembic ms):%s\n", x, y, k, ld, line
  }
  function min(v, k,   i, r) { r = v[1]; for (i = 2; i <= k; i++) if (v[i] < r) r = v[i]; return r }
  function max(v, k,   i, r) { r = v[1]; for (i = 2; i <= k; i++) if (v[i] > r) r = v[i]; return r }' "$work/rounds"
echo
echo "## Backup of a database with $n tables and 2,000,000 rows"
createdb bench_backup
psql -q -X -d bench_backup -f "$work/all.sql"
psql -q -X -d bench_backup -c "CREATE TABLE big AS SELECT g AS id, md5(g::text) AS a, md5((g * 7)::text) AS b FROM generate_series(1, 2000000) g"
mkdir -p "$work/backups"
hyperfine --runs "$runs" --warmup 1 --export-markdown "$work/backup.md" \
  -n "pg_dump -Fc" "pg_dump -Fc -d bench_backup -f $work/plain.dump" \
  -n "migrabot backup (dump + sha256 + pg_restore --list)" \
    "$root/bin/migrabot backup --dir $work/sql --url jdbc:postgresql://127.0.0.1:5432/bench_backup --user postgres --backup-dir $work/backups" \
  >/dev/null
cat "$work/backup.md"

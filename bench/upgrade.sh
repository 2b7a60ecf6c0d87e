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
trap 'rm -rf "$work"; for d in bench_psql bench_migrabot bench_alembic bench_backup; do dropdb -h 127.0.0.1 -U postgres --if-exists "$d" >/dev/null 2>&1 || true; done' EXIT
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

fresh() { echo "dropdb --if-exists $1 && createdb $1"; }
echo "## Upgrade of $n revisions on an empty database ($(nproc) cores)"
# One warm-up run each (after its --prepare): psql and Alembic fill their caches, bin/migrabot records the class-data
# archive of `upgrade` (see bin/migrabot); the runs measured are the steady state a person gets.
hyperfine --runs "$runs" --warmup 1 --export-markdown "$work/upgrade.md" \
  --prepare "$(fresh bench_psql)" -n "psql -1 (floor)" "psql -q -X -v ON_ERROR_STOP=1 -d bench_psql -f $work/all.sql" \
  --prepare "$(fresh bench_migrabot)" -n "migrabot upgrade head" \
    "$root/bin/migrabot upgrade head --dir $work/sql --url jdbc:postgresql://127.0.0.1:5432/bench_migrabot --user postgres" \
  --prepare "$(fresh bench_alembic)" -n "alembic upgrade head" \
    "env DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_alembic alembic -c $work/alembic/alembic.ini upgrade head" \
  >/dev/null
cat "$work/upgrade.md"

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

/**
 * Running migrations against a target: revisions in migrabot's native SQL format run by migrabot itself, each
 * whole or not at all with its version-table change (a transaction each on PostgreSQL, a savepoint each on
 * SQLite), with the version table kept as Alembic keeps it; Alembic projects run by the real Alembic.
 */
package io.migrabot.runner;

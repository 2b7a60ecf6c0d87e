/**
 * Verified backups of a target: for PostgreSQL with the real tools ({@code pg_dump -Fc}, checked with
 * {@code pg_restore --list}), for SQLite a copy through its backup API checked with {@code PRAGMA integrity_check};
 * a SHA-256 checksum, a record beside each file, retention, and restore.
 */
package io.migrabot.backup;

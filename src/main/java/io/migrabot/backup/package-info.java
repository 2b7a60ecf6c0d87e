/**
 * Verified backups of a target with the real PostgreSQL tools: {@code pg_dump -Fc}, a SHA-256 checksum, a check
 * with {@code pg_restore --list}, a record beside each file, retention, and restore.
 */
package io.migrabot.backup;

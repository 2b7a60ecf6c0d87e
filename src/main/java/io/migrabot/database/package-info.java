/**
 * The target databases through Jdbi, PostgreSQL or SQLite files: connecting with clear failures, the Alembic
 * version table, the lock that lets one operation at a time run on a target (an advisory lock, or a lock file
 * beside a SQLite file), and reading a database's schema from the system catalogs or SQLite's pragmas.
 */
package io.migrabot.database;

/**
 * The target databases through Jdbi: connecting with clear failures, the Alembic version table, the advisory
 * lock that lets one operation at a time run on a target, and reading a database's schema from the system
 * catalogs.
 */
package io.migrabot.database;

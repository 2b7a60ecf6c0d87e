/**
 * The target databases through Jdbi: connecting with clear failures, the Alembic version table, and the advisory
 * lock that lets one operation at a time run on a target.
 */
package io.migrabot.database;

/**
 * Running migrations against a target: revisions in migrabot's native SQL format run by migrabot itself, one
 * transaction per revision, with the version table kept as Alembic keeps it.
 */
package io.migrabot.runner;

/**
 * The revision graph and everything computed from it alone: heads, branch labels, resolution of revision arguments, the order migrations run in, and Alembic's text for all of it. Pure: no files, no database, no processes.
 */
package io.migrabot.revision;

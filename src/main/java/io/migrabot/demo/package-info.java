/**
 * {@code migrabot demo}: a session on an embedded PostgreSQL (zonky's binaries, no system install) with targets
 * whose native SQL projects and databases reproduce the runbooks' situations, for the console chat; production's
 * upgrades take a verified backup when a pg_dump for the server is found ({@code DumpTools}). Everything a session
 * makes is undone when it ends, also on Ctrl-C or SIGTERM.
 */
package io.migrabot.demo;

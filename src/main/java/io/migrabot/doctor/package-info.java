/**
 * The doctor: what is wrong with a target, from facts gathered elsewhere (the revision graph, the version table,
 * the live schema, the schema the migrations produce), as findings with a severity, the evidence and the safe
 * fixes. Pure: no database, no files; the {@code doctor} operation gathers the facts.
 */
package io.migrabot.doctor;

/**
 * The bot's own tables in its state database (inbox, audit log, approvals, chat settings, operation journal,
 * expected schemas, drift states and alerts, and Quartz's job store), created and upgraded by migrabot's native SQL
 * runner from migrations shipped in the jar.
 */
package io.migrabot.state;

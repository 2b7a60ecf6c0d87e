/**
 * Scheduled drift checks on Quartz: one job per target on a cron, with Quartz's JDBC job store in the state
 * database and clustering on, so that several bot instances sharing it run each check once per slot. The jobs call
 * back into whoever started the scheduler (the chat service, which runs the doctor and posts the alerts); nothing
 * here knows about chats or findings.
 */
package io.migrabot.schedule;

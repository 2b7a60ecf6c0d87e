/**
 * How a running bot is watched from outside: named health checks that the application registers (the Telegram
 * poller, the state database, the drift scheduler), the bot's meters (commands, operations, drift findings), and
 * the plain HTTP endpoint that serves both as {@code /healthz} and {@code /metrics}. Nothing here decides anything
 * about commands; answers carry no secret and no exception text.
 */
package io.migrabot.monitor;

/**
 * migrabot's configuration: typed records, loaded from YAML with {@code ${ENV_VAR}} substitution and validated at
 * start, every mistake named by its key. Secrets are wrapped so they never reach a log or a message.
 */
package io.migrabot.config;

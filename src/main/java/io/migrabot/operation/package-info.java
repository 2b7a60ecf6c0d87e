/**
 * One class per migrabot operation, each with one verb. Chat, console, the one-shot CLI and scheduled jobs all call these; none of them repeats what an operation decides.
 */
package io.migrabot.operation;

/**
 * The one-shot command line: parses arguments with picocli, calls an operation, prints its result. It decides nothing itself.
 */
package io.migrabot.cli;

/**
 * Wiring of whole applications: a transport, the chat service and the inbox, started and stopped in the right
 * order. Nothing here decides anything about commands or operations.
 */
package io.migrabot.app;

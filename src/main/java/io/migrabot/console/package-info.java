/**
 * The chat in a terminal: the same conversation as Telegram, with buttons as numbered choices and files saved to
 * a folder. It only translates lines to updates and replies to text.
 */
package io.migrabot.console;

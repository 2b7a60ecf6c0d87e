/**
 * The measured impact of pending revisions (pure: no I/O): what each revision locked, rewrote, validated and
 * destroyed in a shadow database, with the live sizes of the relations involved, rated as a risk and worded one
 * finding a line for the person who approves.
 */
package io.migrabot.impact;

/**
 * Throw-away databases that show what migrations produce. {@link io.migrabot.shadow.Shadows} makes an empty
 * database of the target's kind (on the target's server or a configured scratch server; for SQLite a temporary
 * file) and removes it afterwards, whatever happened;
 * {@link io.migrabot.shadow.Replay} applies revisions' SQL to it step by step and reads the schema where a walk
 * asks, or measures what pending revisions lock, rewrite and destroy ({@link io.migrabot.shadow.Catalog}) in a
 * shadow at the target's revision, which {@link io.migrabot.shadow.PostgresShadows} keeps for the next plan.
 * Nothing here touches the target's own database.
 */
package io.migrabot.shadow;

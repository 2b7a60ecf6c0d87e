/**
 * Throw-away databases that show what migrations produce. {@link io.migrabot.shadow.Shadows} makes an empty
 * database on the target's server or a configured scratch server and drops it afterwards, whatever happened;
 * {@link io.migrabot.shadow.Replay} applies revisions' SQL to it step by step and reads the schema where a walk
 * asks. Nothing here touches the target's own database.
 */
package io.migrabot.shadow;

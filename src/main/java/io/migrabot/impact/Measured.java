package io.migrabot.impact;

import io.migrabot.schema.QualifiedName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What replaying one revision in a shadow database showed, before anything is rated.
 *
 * @param seen        how its locks were seen
 * @param locks       the strongest lock it held on each relation that existed before it, read from the shadow
 *                    backend's own pg_locks just before its commit, or from another session's while it waited
 * @param rewritten   tables whose relfilenode changed
 * @param validated   constraints it validated by scanning their table
 * @param before      the relations it touched (locked), or every relation when its locks could not be seen, as
 *                    they were before it
 * @param after       the same relations after it (those it dropped are missing)
 * @param failure     why it failed in the shadow, if it did (then nothing else is known)
 */
public record Measured(String revision, Seen seen, Map<QualifiedName, LockMode> locks,
                       List<QualifiedName> rewritten, List<Validation> validated, Shape before, Shape after,
                       Optional<String> failure) {
    public Measured {
        locks = Map.copyOf(locks);
        rewritten = List.copyOf(rewritten);
        validated = List.copyOf(validated);
    }

    /** How a revision's locks were seen. */
    public enum Seen {
        /** Every statement ran in a transaction, whose locks were read before its commit: all of them. */
        IN_TRANSACTION,
        /** Some ran outside a transaction (as CREATE INDEX CONCURRENTLY must); read while they waited. */
        WHILE_WAITING,
        /** Some ran outside a transaction and never waited, so no other session could read their locks. */
        UNSEEN
    }

    /** A constraint checked against every row of its table. */
    public record Validation(QualifiedName table, String constraint) {
    }

    public static Measured failed(String revision, String why) {
        return new Measured(revision, Seen.IN_TRANSACTION, Map.of(), List.of(), List.of(), null, null, Optional.of(why));
    }
}

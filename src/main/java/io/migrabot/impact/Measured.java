package io.migrabot.impact;

import io.migrabot.schema.QualifiedName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What replaying one revision in a shadow database showed, before anything is rated.
 *
 * @param locks       the strongest lock it held on each relation that existed before it, read from the shadow
 *                    backend's own pg_locks just before its commit; empty when {@code transactional} is false
 * @param rewritten   tables whose relfilenode changed
 * @param validated   constraints it validated by scanning their table
 * @param before      the relations it touched (locked), or every relation when its locks could not be seen, as
 *                    they were before it
 * @param after       the same relations after it (those it dropped are missing)
 * @param failure     why it failed in the shadow, if it did (then nothing else is known)
 */
public record Measured(String revision, boolean transactional, Map<QualifiedName, LockMode> locks,
                       List<QualifiedName> rewritten, List<Validation> validated, Shape before, Shape after,
                       Optional<String> failure) {
    public Measured {
        locks = Map.copyOf(locks);
        rewritten = List.copyOf(rewritten);
        validated = List.copyOf(validated);
    }

    /** A constraint checked against every row of its table. */
    public record Validation(QualifiedName table, String constraint) {
    }

    public static Measured failed(String revision, String why) {
        return new Measured(revision, true, Map.of(), List.of(), List.of(), null, null, Optional.of(why));
    }
}

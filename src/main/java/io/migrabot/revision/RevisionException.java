package io.migrabot.revision;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

import java.util.List;

/**
 * A revision argument or range that the graph cannot turn into revisions. The message uses Alembic's wording;
 * {@link #kind()} lets a command replace it with the wording Alembic's command would print in its place.
 */
public final class RevisionException extends MigrabotException {
    private static final long serialVersionUID = 1L;

    /** Alembic's RevisionError subclasses, which its commands translate into their own messages. */
    public enum Kind {
        /** An identifier matches no revision or label ({@code argument} holds it). */
        RESOLUTION,
        /** A symbol such as {@code head} stands for several heads ({@code heads}, {@code argument}). */
        MULTIPLE_HEADS,
        /** The lower end of a range is not an ancestor of the upper ({@code lower}, {@code upper}). */
        RANGE_NOT_ANCESTOR,
        /** Anything else: ambiguous walks, relative steps past the end, overlapping targets. */
        OTHER
    }

    private final Kind kind;
    private final String argument;
    private final List<String> heads;
    private final String lower;
    private final String upper;

    private RevisionException(Kind kind, String message, String argument, List<String> heads, String lower,
                              String upper) {
        super(ErrorCode.REVISION_RESOLUTION, message);
        this.kind = kind;
        this.argument = argument;
        this.heads = List.copyOf(heads);
        this.lower = lower;
        this.upper = upper;
    }

    static RevisionException resolution(String message, String argument) {
        return new RevisionException(Kind.RESOLUTION, message, argument, List.of(), "", "");
    }

    static RevisionException multipleHeads(List<String> heads, String argument) {
        return new RevisionException(Kind.MULTIPLE_HEADS,
                "Multiple heads are present for given argument '" + argument + "'; " + String.join(", ", heads),
                argument, heads, "", "");
    }

    /** {@code lower} and {@code upper} are shown as Alembic shows them: the text given, or "base". */
    static RevisionException rangeNotAncestor(String lower, String upper) {
        String low = lower == null || lower.isEmpty() ? "base" : lower;
        String up = upper == null || upper.isEmpty() ? "base" : upper;
        return new RevisionException(Kind.RANGE_NOT_ANCESTOR,
                "Revision " + low + " is not an ancestor of revision " + up, "", List.of(), low, up);
    }

    static RevisionException other(String message) {
        return new RevisionException(Kind.OTHER, message, "", List.of(), "", "");
    }

    public Kind kind() {
        return kind;
    }

    /** The identifier that could not be resolved, or the symbol that named several heads. */
    public String argument() {
        return argument;
    }

    public List<String> heads() {
        return heads;
    }

    /** For {@link Kind#RANGE_NOT_ANCESTOR}: the lower end as Alembic names it. */
    public String lower() {
        return lower;
    }

    /** For {@link Kind#RANGE_NOT_ANCESTOR}: the upper end as Alembic names it. */
    public String upper() {
        return upper;
    }
}

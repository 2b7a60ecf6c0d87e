package io.migrabot.revision;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

/**
 * The messages Alembic's commands print for a {@link RevisionException} (its {@code _catch_revision_errors}), so a
 * person who knows Alembic's errors recognises migrabot's.
 */
public final class AlembicMessages {
    private AlembicMessages() {
    }

    /**
     * @param start the lower end the command was given ("base" when none), or null
     * @param end   the upper end the command was given ("heads" when none), or null
     */
    public static MigrabotException translate(RevisionException e, String start, String end) {
        return translate(e, start, end, null, null);
    }

    /**
     * @param ancestorMessage what a command says instead of the range message (e.g. "Destination x is not a valid
     *                        upgrade target from current head(s)"), or null
     * @param multipleHeads   what it says instead of the multiple-heads message, or null
     */
    public static MigrabotException translate(RevisionException e, String start, String end, String ancestorMessage,
                                              String multipleHeads) {
        String message;
        switch (e.kind()) {
            case RANGE_NOT_ANCESTOR:
                message = ancestorMessage != null ? ancestorMessage : "Requested range "
                        + (start != null ? start : e.lower()) + ":" + (end != null ? end : e.upper())
                        + " does not refer to ancestor/descendant revisions along the same branch";
                break;
            case MULTIPLE_HEADS:
                if (multipleHeads != null) {
                    message = multipleHeads;
                    break;
                }
                String arg = end != null ? end : e.argument();
                message = "Multiple head revisions are present for given argument '" + arg + "'; please specify a "
                        + "specific target revision, '<branchname>@" + arg + "' to narrow to a specific head, or "
                        + "'heads' for all heads";
                break;
            case RESOLUTION:
                message = "Can't locate revision identified by '" + e.argument() + "'";
                break;
            default:
                message = e.getMessage();
        }
        return new MigrabotException(ErrorCode.REVISION_RESOLUTION, message, e);
    }
}

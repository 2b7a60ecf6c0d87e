package io.migrabot.revision;

/**
 * The kinds of structural problem a script directory can have, each with the advice a person needs to fix it.
 * Formatters read {@link #advice()}; they do not switch on the kind.
 */
public enum ProblemKind {
    UNREADABLE_FILE("Check the file's permissions and that it is a regular file."),
    NO_SOURCE("Restore the .py source of this revision: migrabot reads revision sources, not compiled files."),
    NOT_TEXT("A revision file must be UTF-8 Python source; remove the file or restore it from version control."),
    SYNTAX_ERROR("Fix the Python syntax at that line; Alembic cannot import this file either."),
    MISSING_REVISION("Declare the revision id at module level, e.g. revision = \"ae1027a6acf\"."),
    MISSING_DOWN_REVISION("Declare the parent at module level: down_revision = None for a base, or the parent's id."),
    NOT_A_LITERAL("migrabot reads revision files without running them: write the value as a string, a tuple or list of strings, or None, assigned at module level and not inside an if, try, with, for or while block."),
    BAD_VALUE("Use a string, a tuple or list of strings, or None."),
    UNRESOLVED_NAME("migrabot follows names a revision file imports from its own project (modules found through prepend_sys_path, the working directory and the package above script_location) to their literal values; write the value as a literal there or in the revision file."),
    UNKNOWN_BRANCH_LABELS("The revision is kept without the labels migrabot could not determine; write them as string literals, or as constants assigned literally in a module of the project.", false),
    UNKNOWN_DEPENDENCIES("The revision is kept without the dependencies migrabot could not determine, so upgrade, downgrade, stamp and the like are refused (their plan could skip one); write them as string literals, or as constants assigned literally in a module of the project.", true),
    ILLEGAL_CHARACTERS("Revision ids may not contain '@', '-' or '+'; rename the revision and update the files that point to it."),
    SQL_FORMAT("See the native SQL migration format in migrabot's README: a '-- key: value' header, '-- migrate:up', then optionally '-- migrate:down'."),
    DUPLICATE_REVISION("Two files declare the same revision id; give one of them a new id (and fix its children), or delete the stale copy."),
    DUPLICATE_BRANCH_LABEL("A branch label may be declared by one revision only; rename one of them."),
    MISSING_PARENT("A down_revision names a revision no file declares; restore the missing file, or point down_revision at an existing revision."),
    MISSING_DEPENDENCY("A depends_on entry names no revision or branch label; restore the missing file or fix the entry."),
    SELF_LOOP("A revision lists itself as its own parent or dependency; remove that entry."),
    CYCLE("These revisions reach each other through down_revision; break the cycle by fixing one down_revision."),
    DEPENDENCY_CYCLE("These revisions reach each other through depends_on; remove one of the depends_on entries.");

    private final String advice;
    private final boolean refusesOperations;

    ProblemKind(String advice) {
        this(advice, true);
    }

    /**
     * @param refusesOperations for a kind reported as a warning (the revision is kept): whether operations that
     *                          change the database must still refuse the graph; problems always refuse it
     */
    ProblemKind(String advice, boolean refusesOperations) {
        this.advice = advice;
        this.refusesOperations = refusesOperations;
    }

    /** Whether operations that change a database refuse a graph with this kind of problem or warning. */
    public boolean refusesOperations() {
        return refusesOperations;
    }

    public String advice() {
        return advice;
    }
}

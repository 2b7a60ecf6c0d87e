package io.migrabot.doctor;

/** What the doctor can find, each with its severity and what it means in plain words. */
public enum FindingKind {
    CONFIGURATION(Severity.ERROR, "The project cannot be loaded, so Alembic cannot run at all."),
    NO_REVISIONS(Severity.ERROR, "The versions folder holds no revision, so Alembic answers \"Can't locate revision "
            + "identified by 'head'\"."),
    SCRIPT_PROBLEM(Severity.ERROR, "A revision file is broken or the revisions do not form a valid history; Alembic "
            + "refuses to run until it is fixed."),
    SCRIPT_READ_IN_PART(Severity.WARNING, "migrabot could not determine part of a revision file (branch labels or "
            + "dependencies), so its answers leave that part out where Alembic would show it."),
    EMPTY_MIGRATION(Severity.WARNING, "A revision does nothing when applied; if it was meant to change the schema, "
            + "its databases are not what its message says."),
    SEVERAL_HEADS(Severity.ERROR, "The history forks into several heads, so 'upgrade head' fails with \"Multiple "
            + "head revisions are present\"."),
    DATABASE_UNREACHABLE(Severity.ERROR, "The database cannot be read, so nothing about it can be checked."),
    UNKNOWN_STAMP(Severity.ERROR, "The database is stamped with a revision the scripts do not have: stale revision "
            + "files (an old image) or another branch's; every Alembic command on it fails."),
    UNVERSIONED_SCHEMA(Severity.ERROR, "Tables exist but there is no version table: the application made them "
            + "(create_all at start-up), so Alembic would try to create them again."),
    STAMP_MISMATCH(Severity.ERROR, "The version table names one revision but the schema is another's: upgrading "
            + "would fail (\"already exists\" or \"does not exist\")."),
    SCHEMA_DRIFT(Severity.WARNING, "The schema differs from what the migrations produce at the recorded revision: "
            + "changes made by hand, or migrations edited after they ran."),
    BEHIND(Severity.WARNING, "The database is behind the scripts: the application expects revisions that have not "
            + "run (\"Target database is not up to date\")."),
    NO_EXPECTED_SCHEMA(Severity.WARNING, "The schema the migrations produce could not be built, so the live schema "
            + "was not compared.");

    private final Severity severity;
    private final String meaning;

    FindingKind(Severity severity, String meaning) {
        this.severity = severity;
        this.meaning = meaning;
    }

    public Severity severity() {
        return severity;
    }

    public String meaning() {
        return meaning;
    }

    /** The name used in JSON output. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

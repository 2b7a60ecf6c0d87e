package io.migrabot.database;

import io.migrabot.ErrorCode;
import io.migrabot.config.TargetKind;
import io.migrabot.revision.VersionChange;
import org.jdbi.v3.core.Handle;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Alembic's version table: {@code version_num VARCHAR(32) NOT NULL} with primary key {@code <table>_pkc}, one row
 * per applied head. migrabot creates it and changes its rows exactly as Alembic does, so both can run against one
 * database in turn.
 */
public final class VersionTable {
    /** version_num is VARCHAR(32), as Alembic creates it. */
    public static final int MAX_REVISION_LENGTH = 32;

    /** The SQLSTATE of a {@link #guardedStatement} that touched another number of rows than one. */
    public static final String NOT_ONE_ROW = "22012";

    private static final Pattern IDENTIFIER = io.migrabot.config.TargetConfig.IDENTIFIER;

    private final String table;
    private final String schema;
    private final TargetKind kind;

    /** A PostgreSQL database's version table. */
    public VersionTable(String table, String schema) {
        this(table, schema, TargetKind.POSTGRESQL);
    }

    /**
     * @param schema null for the connection's search path (always null on SQLite)
     */
    public VersionTable(String table, String schema, TargetKind kind) {
        if (!IDENTIFIER.matcher(table).matches() || schema != null && !IDENTIFIER.matcher(schema).matches()) {
            throw new io.migrabot.MigrabotException(ErrorCode.CONFIGURATION, "version_table and "
                    + "version_table_schema must be plain identifiers (letters, digits, _), got '" + table + "'"
                    + (schema == null ? "" : " in '" + schema + "'"));
        }
        this.table = table;
        this.schema = schema;
        this.kind = kind;
    }

    /** The table's name as SQL, quoted. */
    public String qualifiedName() {
        return (schema == null ? "" : quote(schema) + ".") + quote(table);
    }

    public String displayName() {
        return schema == null ? table : schema + "." + table;
    }

    private static String quote(String identifier) {
        return "\"" + identifier + "\"";
    }

    /** The recorded heads, or empty when the table does not exist (a database Alembic never touched). */
    public Optional<List<String>> read(Handle handle) throws SQLException {
        if (!exists(handle)) {
            return Optional.empty();
        }
        List<String> rows = PlainQueries.strings(handle, "SELECT version_num FROM " + qualifiedName());
        Set<String> seen = new HashSet<>();
        List<String> heads = new ArrayList<>();
        for (String row : rows) {
            if (row == null) {
                throw corrupt("has a row with no version_num");
            }
            if (!seen.add(row)) {
                throw corrupt("records " + row + " twice");
            }
            heads.add(row);
        }
        return Optional.of(heads);
    }

    public boolean exists(Handle handle) throws SQLException {
        return switch (kind) {
            case POSTGRESQL -> PlainQueries.bool(handle, "SELECT to_regclass(?) IS NOT NULL", qualifiedName());
            case SQLITE -> PlainQueries.bool(handle, "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' "
                    + "AND name = ?", table);
        };
    }

    /** Creates the table as Alembic 1.8 does, unless it exists. */
    public void create(Handle handle) {
        handle.execute(createStatement());
    }

    public String createStatement() {
        if (kind == TargetKind.SQLITE) {
            // SQLite keeps the text of the CREATE TABLE (without IF NOT EXISTS): Alembic's, to the tab, so that
            // .schema shows the same table whoever made it. SQLAlchemy quotes a name only when it must.
            String name = table.matches("[a-z_][a-z0-9_]*") ? table : quote(table);
            String key = (table + "_pkc").matches("[a-z_][a-z0-9_]*") ? table + "_pkc" : quote(table + "_pkc");
            return "CREATE TABLE IF NOT EXISTS " + name + " (\n\tversion_num VARCHAR(" + MAX_REVISION_LENGTH
                    + ") NOT NULL, \n\tCONSTRAINT " + key + " PRIMARY KEY (version_num)\n)";
        }
        return "CREATE TABLE IF NOT EXISTS " + qualifiedName() + " (version_num VARCHAR(" + MAX_REVISION_LENGTH
                + ") NOT NULL, CONSTRAINT "
                + quote(table + "_pkc") + " PRIMARY KEY (version_num))";
    }

    /** The SQL for one change, with the revision id as a literal (ids are checked before they get here). */
    public String statement(VersionChange change) {
        if (change instanceof VersionChange.Insert insert) {
            return "INSERT INTO " + qualifiedName() + " (version_num) VALUES (" + literal(insert.version()) + ")";
        }
        if (change instanceof VersionChange.Delete delete) {
            return "DELETE FROM " + qualifiedName() + " WHERE version_num = " + literal(delete.version());
        }
        VersionChange.Update update = (VersionChange.Update) change;
        return "UPDATE " + qualifiedName() + " SET version_num=" + literal(update.to()) + " WHERE version_num = "
                + literal(update.from());
    }

    /** Applies changes on {@code handle}; each must touch exactly one row, as Alembic checks. */
    public void apply(Handle handle, List<VersionChange> changes) {
        for (VersionChange change : changes) {
            requireOneRow(change, handle.createUpdate(checkedStatement(change)).execute());
        }
    }

    /** {@link #statement}, refusing an id the table cannot hold before anything is sent. */
    public String checkedStatement(VersionChange change) {
        String recorded = change instanceof VersionChange.Insert insert ? insert.version()
                : change instanceof VersionChange.Update update ? update.to() : "";
        if (recorded.length() > MAX_REVISION_LENGTH) {
            throw new DatabaseException(ErrorCode.VERSION_TABLE, "revision id " + recorded + " has "
                    + recorded.length() + " characters; the version table " + displayName() + " holds at most "
                    + MAX_REVISION_LENGTH + ", as Alembic makes it. Shorten the id", "", null);
        }
        return statement(change);
    }

    /** Alembic's check that a change touched exactly one row: anything else means someone else changed the table. */
    public void requireOneRow(VersionChange change, long rows) {
        if (rows != 1) {
            throw notOneRow(change, rows + " changed");
        }
    }

    /**
     * {@link #checkedStatement} that makes the server check what {@link #requireOneRow} checks, for a run that sends
     * its COMMIT before the answers arrive: an update or delete that touches any other number of rows than one fails
     * with SQLSTATE {@value #NOT_ONE_ROW} (division by zero). An insert touches one row or fails on its own.
     */
    public String guardedStatement(VersionChange change) {
        String statement = checkedStatement(change);
        return change instanceof VersionChange.Insert ? statement
                : "WITH changed AS (" + statement + " RETURNING 1) SELECT 1 / (count(*) = 1)::int FROM changed";
    }

    /** The failure of a change that touched {@code how} many rows but one. */
    public DatabaseException notOneRow(VersionChange change, String how) {
        return corrupt("expected one row to change for '" + change + "', " + how + "; another process may have "
                + "changed the table meanwhile");
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private DatabaseException corrupt(String what) {
        return new DatabaseException(ErrorCode.VERSION_TABLE, "the version table " + displayName() + " " + what
                + ". Inspect it (SELECT * FROM " + displayName() + ") and repair it with migrabot stamp --purge.",
                "", null);
    }
}

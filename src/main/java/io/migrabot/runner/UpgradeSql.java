package io.migrabot.runner;

import io.migrabot.script.SqlStatements.Statement;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SQL that upgrading each revision runs, as statements to run somewhere other than the target (a shadow
 * database): the native runner's statements for native SQL, Alembic's offline output for an Alembic project.
 * Revisions can be replayed in any order their graph allows, each with its own statements.
 *
 * @param prologue  statements to run once, before any revision: what Alembic's env.py emits before the first
 *                  migration (BEGIN, the version table); empty for native SQL
 * @param revisions each revision's statements, by revision id
 */
public record UpgradeSql(List<Statement> prologue, Map<String, RevisionSql> revisions) {
    private static final Pattern LEADING_COMMENTS = Pattern.compile("\\A(?:\\s*--[^\\n]*(?:\\n|\\z))*\\s*");

    public UpgradeSql {
        prologue = List.copyOf(prologue);
        revisions = Map.copyOf(revisions);
    }

    /**
     * A statement's SQL without the comment lines before it (a split statement keeps them): what to show, and what
     * to compare with BEGIN or COMMIT.
     */
    public static String code(Statement statement) {
        return LEADING_COMMENTS.matcher(statement.sql()).replaceFirst("");
    }

    /**
     * One revision's upgrade.
     *
     * @param file          the revision's file, for messages
     * @param transactional whether its statements run in one transaction of their own (native revisions unless
     *                      declared {@code transactional: false}); when false they run one by one, and BEGIN and
     *                      COMMIT among them (Alembic writes them) open and close transactions
     * @param linesInFile   whether statement line numbers are lines of {@code file} (native SQL) or of generated
     *                      text (Alembic's offline output), which a person cannot open
     */
    public record RevisionSql(String revision, String file, boolean transactional, boolean linesInFile,
                              List<Statement> statements) {
        public RevisionSql {
            statements = List.copyOf(statements);
        }

        /** Where a statement comes from, as a person can find it. */
        public String locate(Statement statement) {
            String firstLine = code(statement).lines().findFirst().orElse("");
            return linesInFile ? file + ":" + statement.line()
                    : file + ", in its offline SQL: " + (firstLine.length() > 80 ? firstLine.substring(0, 80) + "…"
                    : firstLine);
        }
    }
}

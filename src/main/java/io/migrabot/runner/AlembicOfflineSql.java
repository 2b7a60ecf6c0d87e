package io.migrabot.runner;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.runner.UpgradeSql.RevisionSql;
import io.migrabot.script.SqlStatements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts what {@code alembic upgrade heads --sql} prints into the SQL of each revision. Alembic 1.8 writes every
 * statement followed by a semicolon, and before each migration's statements the line
 * {@code -- Running upgrade FROM -> TO} (FROM: the parents, comma-separated, empty for a base; TO: the revision).
 * Transaction lines come from env.py's {@code begin_transaction()}: {@code BEGIN;} first and {@code COMMIT;} last
 * by default; with {@code transaction_per_migration=True} around each migration, the BEGIN of one coming before its
 * comment line (so in the previous revision's text); and {@code COMMIT; ... BEGIN;} around an
 * {@code autocommit_block()}. What comes before the first comment line (BEGIN, the version table's CREATE TABLE,
 * what env.py emits itself) is the prologue. Each revision's text runs to the next comment line, transaction
 * lines included: whoever replays it follows them.
 */
public final class AlembicOfflineSql {
    private static final Pattern RUNNING = Pattern.compile("-- Running upgrade (.*) -> (\\S+)");
    private static final Pattern RUNNING_DOWN = Pattern.compile("-- Running downgrade (\\S+) -> .*");

    private AlembicOfflineSql() {
    }

    /**
     * @param lines   the offline output, line by line
     * @param graph   the revisions migrabot read from the same project: the output must hold each exactly once
     * @param command the command that printed it, for messages
     */
    public static UpgradeSql parse(List<String> lines, RevisionGraph graph, String command) {
        List<SqlStatements.Statement> prologue = null;
        Map<String, RevisionSql> revisions = new LinkedHashMap<>();
        RevisionNode revision = null; // the one whose text is being read; null in the prologue
        int start = 0;
        for (int i = 0; i <= lines.size(); i++) {
            Matcher running = i < lines.size() ? RUNNING.matcher(lines.get(i)) : null;
            if (running != null && !running.matches()) {
                continue;
            }
            List<SqlStatements.Statement> statements = split(lines, start, i, command);
            if (revision == null) {
                prologue = statements;
            } else {
                revisions.put(revision.id(), new RevisionSql(revision.id(), revision.revision().path(), false, false,
                        statements));
            }
            if (running != null) {
                String id = running.group(2);
                if (revisions.containsKey(id)) {
                    throw mismatch(command, "ran revision " + id + " twice", graph);
                }
                revision = graph.find(id).orElseThrow(() -> mismatch(command, "ran revision " + id + ", which "
                        + "migrabot did not find in the revision files", graph));
            }
            start = i + 1;
        }
        for (RevisionNode node : graph.nodes()) {
            if (!revisions.containsKey(node.id())) {
                throw mismatch(command, "did not run revision " + node.id() + " (" + node.revision().path() + ")",
                        graph);
            }
        }
        return new UpgradeSql(prologue, revisions);
    }

    /**
     * Cuts what {@code alembic downgrade HEAD:base --sql} prints into each downgraded revision's statements (the
     * comment line names the revision first: {@code -- Running downgrade X -> PARENTS}); transaction lines stay in.
     */
    public static Map<String, List<SqlStatements.Statement>> downgrades(List<String> lines, String command) {
        Map<String, List<SqlStatements.Statement>> revisions = new LinkedHashMap<>();
        String revision = null;
        int start = 0;
        for (int i = 0; i <= lines.size(); i++) {
            Matcher running = i < lines.size() ? RUNNING_DOWN.matcher(lines.get(i)) : null;
            if (running != null && !running.matches()) {
                continue;
            }
            if (revision != null) {
                revisions.putIfAbsent(revision, split(lines, start, i, command));
            }
            revision = running == null ? null : running.group(1);
            start = i + 1;
        }
        return revisions;
    }

    private static List<SqlStatements.Statement> split(List<String> lines, int from, int to, String command) {
        String text = String.join("\n", lines.subList(from, to));
        try {
            List<SqlStatements.Statement> statements = new ArrayList<>();
            for (SqlStatements.Statement statement : SqlStatements.split(text, from + 1)) {
                statements.add(new SqlStatements.Statement(UpgradeSql.code(statement), statement.line()));
            }
            return statements;
        } catch (SqlStatements.UnterminatedException e) {
            throw new MigrabotException(ErrorCode.ALEMBIC, command + " printed SQL that cannot be split into "
                    + "statements (" + e.getMessage() + " of its output); run it yourself to see what the project's "
                    + "env.py or a migration writes there");
        }
    }

    private static MigrabotException mismatch(String command, String what, RevisionGraph graph) {
        return new MigrabotException(ErrorCode.ALEMBIC, command + " " + what + ": Alembic and migrabot read "
                + "different revisions (" + graph.size() + " read by migrabot). Check for stale .pyc files or "
                + "revision files that Alembic imports differently, e.g. with `alembic history`");
    }
}

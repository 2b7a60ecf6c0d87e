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
    private static final Pattern FRAME = Pattern.compile("\\s*File \"(.+)\", line (\\d+), in (\\S+)");

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

    /**
     * One offline run's output in pieces: what comes before the first migration, each migration's text from its
     * {@code -- Running} line to the next (by the revision it upgrades, or downgrades), and the transaction lines
     * after the last migration's statements.
     */
    public record Pieces(String prologue, Map<String, String> revisions, String epilogue) {
    }

    /** Cuts one offline run's output into {@link Pieces}. */
    public static Pieces pieces(List<String> lines, boolean upgrade) {
        Pattern running = upgrade ? RUNNING : RUNNING_DOWN;
        int group = upgrade ? 2 : 1;
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (running.matcher(lines.get(i)).matches()) {
                starts.add(i);
            }
        }
        int end = lines.size();
        while (end > 0 && (lines.get(end - 1).isBlank() || lines.get(end - 1).strip().equals("COMMIT;"))) {
            end--;
        }
        if (starts.isEmpty() || end <= starts.get(starts.size() - 1)) {
            end = lines.size();
        }
        Map<String, String> revisions = new LinkedHashMap<>();
        for (int k = 0; k < starts.size(); k++) {
            int from = starts.get(k);
            int to = k + 1 < starts.size() ? starts.get(k + 1) : end;
            Matcher m = running.matcher(lines.get(from));
            if (m.matches()) {
                revisions.putIfAbsent(m.group(group), text(lines, from, to));
            }
        }
        String prologue = text(lines, 0, starts.isEmpty() ? lines.size() : starts.get(0));
        return new Pieces(prologue, revisions, starts.isEmpty() ? "" : text(lines, end, lines.size()));
    }

    private static String text(List<String> lines, int from, int to) {
        return lines.subList(from, to).stream().map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
    }

    /**
     * Why Alembic could not write a range's SQL offline, precisely: the revision it was writing (the last
     * {@code -- Running} line it printed), the project's own line where it failed (the traceback's last frame
     * outside Python's and Alembic's code) and the exception. Offline mode has no connection, so a migration that
     * reads the database fails there.
     */
    public static MigrabotException unavailable(AlembicFailedException failure, String command) {
        String revision = null;
        for (String line : failure.stdout()) {
            Matcher up = RUNNING.matcher(line.strip());
            Matcher down = RUNNING_DOWN.matcher(line.strip());
            if (up.matches()) {
                revision = up.group(2);
            } else if (down.matches()) {
                revision = down.group(1);
            }
        }
        List<String> tail = failure.stderrTail();
        String where = null;
        for (int i = 0; i < tail.size(); i++) {
            Matcher frame = FRAME.matcher(tail.get(i));
            if (frame.matches() && !frame.group(1).contains("-packages/") && !frame.group(1).startsWith("<")) {
                String code = i + 1 < tail.size() && !FRAME.matcher(tail.get(i + 1)).matches()
                        ? tail.get(i + 1).strip() : "";
                where = frame.group(1) + ":" + frame.group(2) + ", in " + frame.group(3)
                        + (code.isEmpty() ? "" : " (" + code + ")");
            }
        }
        String error = tail.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("^"))
                .reduce((first, second) -> second).orElse("no error output");
        String because = revision == null ? "it failed before writing any migration's SQL"
                : "revision " + revision + " failed while its SQL was being written";
        return new MigrabotException(ErrorCode.ALEMBIC, "Alembic cannot write this SQL offline (`" + command + "`): "
                + because + (where == null ? "" : ", at " + where) + ": " + error + ". Offline mode (--sql) has no "
                + "database connection, so a migration that reads the database (op.get_bind(), a query whose result "
                + "it uses) cannot run there; give it an offline branch (if context.is_offline_mode(): ...) to make "
                + "its SQL previewable (" + failure.getMessage().lines().findFirst().orElse("")
                .replaceFirst("; its last output:$", "") + ")", failure);
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

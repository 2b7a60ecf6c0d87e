package io.migrabot.script;

import io.migrabot.revision.Problem;
import io.migrabot.revision.ProblemKind;
import io.migrabot.revision.Revision;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one revision in migrabot's native SQL format:
 * <pre>
 * -- revision: 0002_users
 * -- down_revision: 0001_init
 * -- message: create the users table
 * -- migrate:up
 * CREATE TABLE users (id bigserial PRIMARY KEY);
 * -- migrate:down
 * DROP TABLE users;
 * </pre>
 * The header is the {@code -- key: value} lines before {@code -- migrate:up}: {@code revision} (required),
 * {@code down_revision} (required; empty for a base, commas for a merge), {@code branch_labels},
 * {@code depends_on} (commas), {@code message}, {@code transactional} ({@code true} by default). Every problem of a
 * file is reported together, with its line; nothing is guessed.
 */
public final class SqlMigrationReader {
    private static final Pattern HEADER = Pattern.compile("--\\s*([A-Za-z_]+)\\s*:(.*)");
    private static final Pattern SECTION = Pattern.compile("--\\s*migrate:\\s*(\\S+)\\s*");
    private static final Set<String> KEYS = Set.of("revision", "down_revision", "branch_labels", "depends_on",
            "message", "transactional");

    /** The migration the file declares, or the problems that prevent reading it. */
    public record Result(Optional<SqlMigration> migration, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /** @param location how the file is named in messages and in {@link Revision#path()} */
    public Result read(String location, byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return failed(new Problem(ProblemKind.NOT_TEXT, location, "the file is not UTF-8 text"));
        }
        if (text.indexOf('\0') >= 0) {
            return failed(new Problem(ProblemKind.NOT_TEXT, location, "the file contains NUL bytes"));
        }
        return new FileReading(location, text).result();
    }

    private static Result failed(Problem problem) {
        return new Result(Optional.empty(), List.of(problem));
    }

    /** The state of reading one file. */
    private static final class FileReading {
        private final String location;
        private final String[] lines;
        private final List<Problem> problems = new ArrayList<>();
        private final Map<String, String> header = new LinkedHashMap<>();
        private final Map<String, Integer> headerLine = new LinkedHashMap<>();

        FileReading(String location, String text) {
            this.location = location;
            this.lines = text.replace("\r\n", "\n").split("\n", -1);
        }

        Result result() {
            int up = -1;
            int down = -1;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                Matcher section = SECTION.matcher(line);
                if (section.matches()) {
                    String name = section.group(1);
                    if (name.equals("up") && up < 0 && down < 0) {
                        up = i;
                    } else if (name.equals("down") && up >= 0 && down < 0) {
                        down = i;
                    } else {
                        problem(i, ProblemKind.SQL_FORMAT, "unexpected '-- migrate:" + name + "' section; a file has "
                                + "one '-- migrate:up' section, then at most one '-- migrate:down'");
                    }
                } else if (up < 0) {
                    readHeaderLine(i, line);
                }
            }
            if (up < 0) {
                problems.add(new Problem(ProblemKind.SQL_FORMAT, location, "no '-- migrate:up' section"));
            }
            String id = required("revision");
            String parents = required("down_revision");
            boolean transactional = flag("transactional");
            if (!problems.isEmpty()) {
                return new Result(Optional.empty(), problems);
            }
            List<SqlStatements.Statement> upStatements = statements(up + 1, down < 0 ? lines.length : down);
            Optional<List<SqlStatements.Statement>> downStatements = down < 0 ? Optional.empty()
                    : Optional.of(statements(down + 1, lines.length));
            if (!problems.isEmpty()) {
                return new Result(Optional.empty(), problems);
            }
            Revision revision = new Revision(id, list(parents), list(header.getOrDefault("branch_labels", "")),
                    list(header.getOrDefault("depends_on", "")), header.getOrDefault("message", ""), location);
            return new Result(Optional.of(new SqlMigration(revision, upStatements, downStatements, transactional)),
                    List.of());
        }

        private void readHeaderLine(int index, String line) {
            if (line.isEmpty()) {
                return;
            }
            Matcher m = HEADER.matcher(line);
            if (m.matches() && KEYS.contains(m.group(1).toLowerCase(java.util.Locale.ROOT))) {
                String key = m.group(1).toLowerCase(java.util.Locale.ROOT);
                if (header.containsKey(key)) {
                    problem(index, ProblemKind.SQL_FORMAT, "'" + key + "' is declared twice (first on line "
                            + headerLine.get(key) + ")");
                } else {
                    header.put(key, m.group(2).strip());
                    headerLine.put(key, index + 1);
                }
            } else if (m.matches()) {
                problem(index, ProblemKind.SQL_FORMAT, "unknown header '" + m.group(1) + "'; known: "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            } else if (!line.startsWith("--")) {
                problem(index, ProblemKind.SQL_FORMAT, "SQL before '-- migrate:up'; put statements in the up or "
                        + "down section");
            }
        }

        private String required(String key) {
            String value = header.get(key);
            if (value == null) {
                problems.add(new Problem(ProblemKind.SQL_FORMAT, location, "no '-- " + key + ":' header"));
            } else if (key.equals("revision") && value.isEmpty()) {
                problem(headerLine.get(key) - 1, ProblemKind.SQL_FORMAT, "the revision id is empty");
            }
            return value;
        }

        private boolean flag(String key) {
            String value = header.getOrDefault(key, "true").toLowerCase(java.util.Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                problem(headerLine.get(key) - 1, ProblemKind.SQL_FORMAT, "'" + key + "' must be true or false, not '"
                        + header.get(key) + "'");
            }
            return !value.equals("false");
        }

        private List<SqlStatements.Statement> statements(int from, int to) {
            String text = String.join("\n", Arrays.asList(lines).subList(from, to));
            try {
                return SqlStatements.split(text, from + 1);
            } catch (SqlStatements.UnterminatedException e) {
                problems.add(new Problem(ProblemKind.SQL_FORMAT, location + ":" + e.line(), e.getMessage()));
                return List.of();
            }
        }

        private void problem(int index, ProblemKind kind, String message) {
            problems.add(new Problem(kind, location + ":" + (index + 1), message));
        }

        private static List<String> list(String commaSeparated) {
            List<String> items = new ArrayList<>();
            for (String item : commaSeparated.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
            return items;
        }
    }
}

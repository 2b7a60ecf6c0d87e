package io.migrabot.script;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code [tool.alembic]} table of a {@code pyproject.toml}, read as Alembic 1.16's {@code Config} reads it
 * ({@code toml_alembic_config}, {@code _get_toml_config_value}, {@code get_alembic_boolean_option}): strings, and
 * the strings of lists, are %-formatted with {@code here} (the file's directory), so {@code %(here)s} is replaced
 * and {@code %%} is a percent sign; booleans must be TOML booleans.
 */
public final class PyprojectToml {
    private static final TomlMapper TOML = new TomlMapper();

    private final Path file;
    private final JsonNode alembic;
    private final Map<String, String> arguments;

    private PyprojectToml(Path file, JsonNode alembic) {
        this.file = file;
        this.alembic = alembic;
        Path directory = file.getParent();
        this.arguments = Map.of("here", directory == null ? "" : directory.toString().replace('\\', '/'));
    }

    /**
     * Reads the file; a file without {@code [tool.alembic]} reads as an empty table, as in Alembic.
     *
     * @param file absolute and normalized
     * @throws MigrabotException ({@link ErrorCode#CONFIGURATION}) if it cannot be read, is not valid TOML, or
     *                           {@code tool.alembic} is not a table
     */
    public static PyprojectToml load(Path file) {
        JsonNode root;
        try {
            root = TOML.readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            String line = where == null || where.getLineNr() < 1 ? "" : ":" + where.getLineNr();
            throw new MigrabotException(ErrorCode.CONFIGURATION, file + line + ": not valid TOML: "
                    + e.getOriginalMessage() + ". Fix the file (Alembic cannot read it either).");
        } catch (IOException | SecurityException e) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "cannot read " + file + ": " + e.getMessage()
                    + ". Check the file's permissions.");
        }
        JsonNode tool = root == null ? null : root.get("tool");
        JsonNode alembic = tool == null || !tool.isObject() ? null : tool.get("alembic");
        if (alembic != null && !alembic.isObject()) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, file + ": tool.alembic is not a table: Incorrect "
                    + "TOML format. Write the settings under a [tool.alembic] header.");
        }
        return new PyprojectToml(file, alembic == null ? TOML.createObjectNode() : alembic);
    }

    public Path file() {
        return file;
    }

    /** Whether the file has a {@code [tool.alembic]} table with at least one key. */
    public boolean hasAlembicTable() {
        return !alembic.isEmpty();
    }

    public boolean has(String key) {
        return alembic.has(key);
    }

    /**
     * A string setting, formatted; empty when absent.
     *
     * @throws MigrabotException if the value is not a string or cannot be formatted
     */
    public Optional<String> string(String key) {
        JsonNode value = alembic.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw error(key, "expected a string, e.g. " + key + " = \"%(here)s/migrations\"");
        }
        return Optional.of(format(key, value.asText()));
    }

    /**
     * A list-of-strings setting, each formatted; empty when absent. A string is refused: Alembic would take each of
     * its characters as a path.
     *
     * @throws MigrabotException if the value is not a list of strings or cannot be formatted
     */
    public Optional<List<String>> strings(String key) {
        JsonNode value = alembic.get(key);
        if (value == null) {
            return Optional.empty();
        }
        String example = key + " = [\"%(here)s/path\"]";
        if (value.isTextual()) {
            throw error(key, "expected a list of strings, e.g. " + example + " (Alembic would take each character "
                    + "of a string as a path of its own)");
        }
        if (!value.isArray()) {
            throw error(key, "expected a list of strings, e.g. " + example);
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw error(key, "expected a list of strings, e.g. " + example + ", but it holds " + item);
            }
            strings.add(format(key, item.asText()));
        }
        return Optional.of(List.copyOf(strings));
    }

    /**
     * A boolean setting; false when absent.
     *
     * @throws MigrabotException if the value is not a TOML boolean, as Alembic refuses it
     */
    public boolean bool(String key) {
        JsonNode value = alembic.get(key);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw error(key, "boolean value expected for TOML parameter '" + key + "'; write " + key
                    + " = true or false, without quotes");
        }
        return value.booleanValue();
    }

    /** Python's {@code value % {"here": ...}}: {@code %(name)s} and {@code %%} only. */
    private String format(String key, String value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            if (value.startsWith("%%", i)) {
                out.append('%');
                i += 2;
                continue;
            }
            int close = value.indexOf(")s", i);
            if (!value.startsWith("%(", i) || close < 0) {
                throw error(key, PyStrings.repr(value) + " has a '%' that is not %(here)s; write %% for a percent "
                        + "sign");
            }
            String name = value.substring(i + 2, close);
            String replacement = arguments.get(name);
            if (replacement == null) {
                throw error(key, PyStrings.repr(value) + " refers to %(" + name + ")s; only %(here)s is known");
            }
            out.append(replacement);
            i = close + 2;
        }
        return out.toString();
    }

    private MigrabotException error(String key, String problem) {
        return new MigrabotException(ErrorCode.CONFIGURATION, file + ", [tool.alembic] " + key + ": " + problem
                + ".");
    }
}

package io.migrabot.config;

import io.migrabot.impact.RiskThresholds;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads {@code migrabot.yml}: YAML, then {@code ${VAR}} / {@code ${VAR:-default}} substitution from the
 * environment in every string value ({@code $${} for a literal {@code ${}), then validation into
 * {@link MigrabotConfig}. All mistakes are reported at once, each by its key; no value from the environment is
 * ever repeated in a message.
 */
public final class ConfigLoader {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    /** What a target name may be: typed in chat, and safe in a shell's completion script. */
    private static final Pattern TARGET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Set<String> TOP = Set.of("targets", "state", "telegram", "users", "chats", "approvals",
            "progress_interval", "instance", "shutdown_grace", "http", "execution", "retention");
    private static final Set<String> TARGET = Set.of("url", "user", "password", "environment", "migrations",
            "version_table", "version_table_schema", "backup", "shadow", "drift", "execution", "risk");
    private static final Duration LONGEST_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);
    private static final Set<String> RISK = Set.of("large_rows", "large_bytes");
    private static final Set<String> EXECUTION = Set.of("lock_timeout", "statement_timeout", "lock_retries",
            "retry_backoff");
    private static final Set<String> ALEMBIC = Set.of("kind", "config", "section", "command", "working_directory",
            "timeout", "environment");
    private static final Set<String> SQL = Set.of("kind", "directory");
    private static final Set<String> BACKUP = Set.of("directory", "before", "keep_last", "max_age", "tools");
    private static final Set<String> SHADOW = Set.of("url", "user", "password");

    private ConfigLoader() {
    }

    public static MigrabotConfig load(Path file, Map<String, String> environment) {
        Path absolute = file.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(absolute);
        } catch (NoSuchFileException e) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "configuration file " + absolute + " does not "
                    + "exist; copy config/migrabot.example.yml there and edit it, or pass --config FILE");
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "cannot read configuration file " + absolute + ": "
                    + e.getMessage());
        }
        return parse(text, absolute, environment);
    }

    /**
     * The valid names under {@code targets} in {@code file}, read without validating or substituting anything else
     * (for shell completion, which runs where the configuration's variables may not be set).
     */
    public static List<String> targetNames(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            JsonNode targets = new ObjectMapper(new YAMLFactory()).readTree(absolute.toFile()).path("targets");
            List<String> names = new ArrayList<>();
            targets.fieldNames().forEachRemaining(names::add);
            return names.stream().filter(name -> TARGET_NAME.matcher(name).matches()).toList();
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "cannot read the target names in " + absolute
                    + ": " + (e instanceof JacksonException j ? j.getOriginalMessage() : e.toString()));
        }
    }

    /** Parses configuration text as if read from {@code file} (relative paths resolve against its folder). */
    public static MigrabotConfig parse(String text, Path file, Map<String, String> environment) {
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            String mistake = "not valid YAML" + where + ": " + e.getOriginalMessage();
            throw new InvalidConfigurationException(file + " is " + mistake, List.of(mistake));
        }
        List<String> errors = new ArrayList<>();
        Set<String> fromEnvironment = new HashSet<>();
        if (tree != null && !tree.isMissingNode()) {
            substitute(tree, "", environment, errors, fromEnvironment);
        }
        Path base = file.getParent() == null ? Path.of("") : file.getParent();
        ConfigNode root = new ConfigNode("", tree, errors, fromEnvironment, base);
        if (tree != null && !tree.isMissingNode() && !tree.isNull() && !tree.isObject()) {
            root.error("the file must be a mapping with a 'targets' key");
        }
        root.allowOnly(TOP);
        Map<Environment, ExecutionLimits> limits = executionDefaults(root.child("execution"));
        Map<String, TargetConfig> targets = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : root.child("targets").entries("targets")) {
            TargetConfig target = target(entry.getKey(), entry.getValue(), base, limits);
            if (target != null) {
                targets.put(entry.getKey(), target);
            }
        }
        if (targets.isEmpty() && errors.isEmpty()) {
            root.child("targets").error("no targets; add at least one database under 'targets:'");
        }
        BotSettings bot = BotSettingsReader.read(root, targets.keySet());
        for (TargetConfig target : targets.values()) {
            DriftScheduleReader.checkChats(root.child("targets").child(target.name()).child("drift").child("chats"),
                    target.drift(), bot);
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigurationException(file + " has " + errors.size()
                    + (errors.size() == 1 ? " mistake: " : " mistakes: ") + String.join("; ", errors), errors);
        }
        return new MigrabotConfig(file, targets, bot);
    }

    private static void substitute(JsonNode node, String path, Map<String, String> environment, List<String> errors,
                                   Set<String> fromEnvironment) {
        if (!node.isContainerNode()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isTextual()) {
                    String value = expand(field.getValue().asText(), key, environment, errors, fromEnvironment);
                    ((ObjectNode) node).set(field.getKey(), TextNode.valueOf(value));
                } else {
                    substitute(field.getValue(), key, environment, errors, fromEnvironment);
                }
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String key = path + "[" + i + "]";
                if (item.isTextual()) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i,
                            TextNode.valueOf(expand(item.asText(), key, environment, errors, fromEnvironment)));
                } else {
                    substitute(item, key, environment, errors, fromEnvironment);
                }
            }
        }
    }

    private static String expand(String value, String key, Map<String, String> environment, List<String> errors,
                                 Set<String> fromEnvironment) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$${")) {
                replacement = "${";
            } else {
                String variable = m.group(1);
                String found = environment.get(variable);
                if (found == null && m.group(2) == null) {
                    errors.add(key + ": environment variable " + variable + " is not set; set it, or give a "
                            + "default as ${" + variable + ":-value}");
                    found = "";
                }
                replacement = found != null ? found : m.group(2);
                fromEnvironment.add(key);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The execution limits of each environment: the built-in ones, changed by the top-level execution section. */
    private static Map<Environment, ExecutionLimits> executionDefaults(ConfigNode node) {
        Map<Environment, ExecutionLimits> limits = new java.util.EnumMap<>(Environment.class);
        for (Environment environment : Environment.values()) {
            limits.put(environment, ExecutionLimits.defaultFor(environment));
        }
        for (Map.Entry<String, ConfigNode> entry : node.entries("environments")) {
            Environment environment = java.util.Arrays.stream(Environment.values())
                    .filter(e -> e.key().equals(entry.getKey())).findFirst().orElse(null);
            if (environment == null) {
                entry.getValue().error("not an environment; expected production, staging or development");
                continue;
            }
            limits.put(environment, execution(entry.getValue(), limits.get(environment)));
        }
        return limits;
    }

    /** Execution limits from {@code node}, each missing key taken from {@code fallback}. */
    private static ExecutionLimits execution(ConfigNode node, ExecutionLimits fallback) {
        node.allowOnly(EXECUTION);
        int retries = fallback.lockRetries();
        Optional<String> retriesText = node.child("lock_retries").text();
        if (retriesText.isPresent()) {
            if (retriesText.get().strip().matches("\\d{1,3}")) {
                retries = Integer.parseInt(retriesText.get().strip());
            } else {
                node.child("lock_retries").error("expected a whole number of retries from 0 to 999, got "
                        + node.child("lock_retries").shown(retriesText.get()));
            }
        }
        return new ExecutionLimits(limit(node.child("lock_timeout"), fallback.lockTimeout()),
                limit(node.child("statement_timeout"), fallback.statementTimeout()), retries,
                node.child("retry_backoff").duration(fallback.retryBackoff()));
    }

    /** A timeout: a duration, or none (also off or 0) for no limit. */
    private static Duration limit(ConfigNode node, Duration fallback) {
        Optional<String> text = node.text();
        if (text.isPresent() && Set.of("none", "off", "0").contains(text.get().strip().toLowerCase(Locale.ROOT))) {
            return Duration.ZERO;
        }
        Duration limit = node.duration(fallback);
        if (limit.compareTo(LONGEST_TIMEOUT) > 0) {
            // PostgreSQL refuses a longer one at SET, which would fail every migration on the target
            node.error("at most 24 days (PostgreSQL's limit, 2147483647 ms), got " + limit.toSeconds() + " s; use "
                    + "none for no limit");
            return fallback;
        }
        return limit;
    }

    private static TargetConfig target(String name, ConfigNode node, Path base,
                                       Map<Environment, ExecutionLimits> limits) {
        if (!TARGET_NAME.matcher(name).matches()) {
            node.error("target names use letters, digits, '_', '.', '-' (at most 63, starting with a letter or "
                    + "digit), so they can be typed in chat");
        }
        DatabaseConnection connection = BotSettingsReader.connection(name, node, TARGET,
                java.util.EnumSet.allOf(TargetKind.class));
        Environment environment = node.child("environment").choice(Environment.values(), Environment::key, null);
        if (environment == null && node.child("environment").isMissing()) {
            node.child("environment").error("missing; expected one of production, staging, development");
        }
        MigrationsSource migrations = migrations(node.child("migrations"));
        String versionTable = identifier(node.child("version_table"), "alembic_version");
        String versionSchema = identifier(node.child("version_table_schema"), null);
        if (versionSchema != null && connection != null && connection.kind() == TargetKind.SQLITE) {
            node.child("version_table_schema").error("a SQLite database has no schemas; leave it out");
        }
        if (!node.child("shadow").isMissing() && connection != null && connection.kind() == TargetKind.SQLITE) {
            node.child("shadow").error("a SQLite target's shadows are temporary files; leave it out");
        }
        BackupPolicy backup = backup(node.child("backup"), base.resolve("backups").resolve(name));
        Optional<DatabaseConnection> shadow = shadow(name, node.child("shadow"));
        DriftSchedule drift = DriftScheduleReader.read(node.child("drift"));
        ExecutionLimits execution = execution(node.child("execution"),
                limits.get(environment == null ? Environment.DEVELOPMENT : environment));
        ConfigNode riskNode = node.child("risk");
        riskNode.allowOnly(RISK);
        RiskThresholds risk = new RiskThresholds(riskNode.child("large_rows").positiveInt(
                (int) RiskThresholds.DEFAULT.rows()), riskNode.child("large_bytes").positiveInt(
                (int) RiskThresholds.DEFAULT.bytes()));
        if (connection == null || environment == null || migrations == null) {
            return null;
        }
        return new TargetConfig(name, connection.url(), connection.user(), connection.password(), environment,
                migrations, versionTable, versionSchema, backup, shadow, drift, execution, risk);
    }

    /**
     * A scratch server for the target's shadow databases: a database to connect to (e.g. {@code postgres}) on a
     * server where the user may create databases.
     */
    private static Optional<DatabaseConnection> shadow(String target, ConfigNode node) {
        if (node.isMissing()) {
            return Optional.empty();
        }
        return Optional.ofNullable(BotSettingsReader.connection(target + "-shadow", node, SHADOW,
                Set.of(TargetKind.POSTGRESQL)));
    }

    private static String identifier(ConfigNode node, String fallback) {
        String value = node.text().orElse(fallback);
        if (value != null && !TargetConfig.IDENTIFIER.matcher(value).matches()) {
            node.error("expected a plain identifier (letters, digits, _; at most 63), got " + node.shown(value));
        }
        return value;
    }

    private static MigrationsSource migrations(ConfigNode node) {
        if (node.isMissing()) {
            node.error("missing; expected kind: alembic (with config: path/to/alembic.ini) or kind: sql (with "
                    + "directory: path)");
            return null;
        }
        String kind = node.child("kind").requiredText("alembic or sql");
        if ("alembic".equals(kind)) {
            node.allowOnly(ALEMBIC);
            Path ini = node.child("config").path(null);
            if (ini == null) {
                node.child("config").error("missing; expected the path of the project's alembic.ini or "
                        + "pyproject.toml");
                return null;
            }
            Path workingDirectory = node.child("working_directory").path(ini.getParent());
            List<String> command = node.child("command").strings(List.of("alembic"));
            if (command.isEmpty()) {
                node.child("command").error("empty; expected the command that runs Alembic, e.g. [alembic]");
            }
            Map<String, Secret> variables = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigNode> variable : node.child("environment").entries("environment variables")) {
                if (!variable.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    variable.getValue().error("not a valid environment variable name");
                }
                variable.getValue().text().ifPresent(v -> variables.put(variable.getKey(), new Secret(v)));
            }
            return new MigrationsSource.Alembic(ini, node.child("section").text().orElse("alembic"), command,
                    workingDirectory, node.child("timeout").duration(Duration.ofMinutes(30)), variables);
        }
        if ("sql".equals(kind)) {
            node.allowOnly(SQL);
            Path directory = node.child("directory").path(null);
            if (directory == null) {
                node.child("directory").error("missing; expected the folder of .sql revision files");
                return null;
            }
            return new MigrationsSource.Sql(directory);
        }
        if (kind != null) {
            node.child("kind").error("expected alembic or sql, got " + node.child("kind").shown(kind));
        }
        return null;
    }

    private static BackupPolicy backup(ConfigNode node, Path defaultDirectory) {
        node.allowOnly(BACKUP);
        Path directory = node.child("directory").path(defaultDirectory);
        List<String> before = node.child("before").strings(List.of("upgrade", "downgrade", "stamp", "restore"));
        for (String operation : before) {
            if (!BackupPolicy.OPERATIONS.contains(operation)) {
                node.child("before").error("'" + operation + "' is not an operation a backup can guard; expected "
                        + "some of downgrade, restore, stamp, upgrade");
            }
        }
        return new BackupPolicy(directory, Set.copyOf(before), node.child("keep_last").positiveInt(10),
                node.child("max_age").duration(Duration.ofDays(30)), node.child("tools").path(null));
    }
}

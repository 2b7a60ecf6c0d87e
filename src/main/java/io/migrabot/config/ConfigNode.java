package io.migrabot.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in the configuration tree that knows its key path, so that every mistake is reported as
 * {@code targets.shop.environment: expected one of ...}. Mistakes are collected, not thrown, so that one run
 * reports all of them. Values that came from the environment are never echoed.
 */
final class ConfigNode {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String path;
    private final JsonNode node;
    private final List<String> errors;
    private final Set<String> fromEnvironment;
    private final Path baseDirectory;

    ConfigNode(String path, JsonNode node, List<String> errors, Set<String> fromEnvironment, Path baseDirectory) {
        this.path = path;
        this.node = node;
        this.errors = errors;
        this.fromEnvironment = fromEnvironment;
        this.baseDirectory = baseDirectory;
    }

    String path() {
        return path;
    }

    boolean isMissing() {
        return node == null || node.isMissingNode() || node.isNull();
    }

    void error(String message) {
        errors.add((path.isEmpty() ? "" : path + ": ") + message);
    }

    private String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    ConfigNode child(String name) {
        return new ConfigNode(key(name), node == null ? null : node.get(name), errors, fromEnvironment, baseDirectory);
    }

    /** Reports keys other than {@code known}: a typo must not silently fall back to a default. */
    void allowOnly(Set<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                new ConfigNode(key(name), null, errors, fromEnvironment, baseDirectory)
                        .error("unknown key; expected one of " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** The entries of a mapping, in file order; reports anything else. */
    List<Map.Entry<String, ConfigNode>> entries(String what) {
        List<Map.Entry<String, ConfigNode>> out = new ArrayList<>();
        if (isMissing()) {
            return out;
        }
        if (!node.isObject()) {
            error("expected " + what + " (a mapping of name: settings)");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.add(Map.entry(field.getKey(), new ConfigNode(key(field.getKey()), field.getValue(), errors,
                    fromEnvironment, baseDirectory)));
        }
        return out;
    }

    Optional<String> text() {
        if (isMissing()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            error("expected a single value, not a " + (node.isArray() ? "list" : "mapping"));
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    String requiredText(String what) {
        Optional<String> value = text();
        if (value.isEmpty() || value.get().isBlank()) {
            if (value.isEmpty() && isMissing()) {
                error("missing; expected " + what);
            } else if (value.isPresent()) {
                error("empty; expected " + what);
            }
            return null;
        }
        return value.get();
    }

    /** How a value may appear in a message: never a value taken from the environment. */
    String shown(String value) {
        return fromEnvironment.contains(path) ? "the value from the environment" : "'" + value + "'";
    }

    <E extends Enum<E>> E choice(E[] values, java.util.function.Function<E, String> word, E fallback) {
        Optional<String> value = text();
        if (value.isEmpty()) {
            return fallback;
        }
        for (E e : values) {
            if (word.apply(e).equalsIgnoreCase(value.get().strip())) {
                return e;
            }
        }
        List<String> words = new ArrayList<>();
        for (E e : values) {
            words.add(word.apply(e));
        }
        error("expected one of " + String.join(", ", words) + ", got " + shown(value.get()));
        return fallback;
    }

    List<String> strings(List<String> fallback) {
        if (isMissing()) {
            return fallback;
        }
        if (!node.isArray()) {
            error("expected a list, e.g. [alembic] or [docker, compose, run, --rm, app, alembic]");
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isValueNode() || item.isNull()) {
                error("expected a list of words, found a nested value");
                return fallback;
            }
            out.add(item.asText());
        }
        return out;
    }

    /** The items of a list, each a node of its own ({@code users[0]}); empty when missing. */
    List<ConfigNode> items(String what) {
        List<ConfigNode> out = new ArrayList<>();
        if (isMissing()) {
            return out;
        }
        if (!node.isArray()) {
            error("expected a list of " + what);
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(new ConfigNode(path + "[" + i + "]", node.get(i), errors, fromEnvironment, baseDirectory));
        }
        return out;
    }

    /** A whole number such as a Telegram id (negative for group chats); null when missing or wrong. */
    Long wholeNumber(String what) {
        Optional<String> value = text();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value.get().strip());
        } catch (NumberFormatException e) {
            error("expected " + what + ", a whole number, got " + shown(value.get()));
            return null;
        }
    }

    boolean bool(boolean fallback) {
        Optional<String> value = text();
        if (value.isEmpty()) {
            return fallback;
        }
        String word = value.get().strip().toLowerCase(Locale.ROOT);
        if (word.equals("true") || word.equals("false")) {
            return word.equals("true");
        }
        error("expected true or false, got " + shown(value.get()));
        return fallback;
    }

    int positiveInt(int fallback) {
        Optional<String> value = text();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get().strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        error("expected a whole number of at least 1, got " + shown(value.get()));
        return fallback;
    }

    Duration duration(Duration fallback) {
        Optional<String> value = text();
        if (value.isEmpty()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.get().strip().toLowerCase(Locale.ROOT));
        if (m.matches() && Long.parseLong(m.group(1)) > 0) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        error("expected a duration such as 90s, 15m, 2h or 30d, got " + shown(value.get()));
        return fallback;
    }

    /** A path; relative ones resolve against the configuration file's folder. */
    Path path(Path fallback) {
        Optional<String> value = text();
        if (value.isEmpty() || value.get().isBlank()) {
            return fallback;
        }
        try {
            return baseDirectory.resolve(value.get().strip()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            error("not a valid path: " + shown(value.get()));
            return fallback;
        }
    }
}

package io.migrabot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the bot's sections of {@code migrabot.yml}: {@code state}, {@code telegram}, {@code users}, {@code chats},
 * {@code approvals}, {@code progress_interval}, {@code instance}, {@code shutdown_grace}, {@code http} and
 * {@code retention}. Every one is optional; what is wrong is
 * reported by key with the rest of the file's mistakes.
 */
final class BotSettingsReader {
    private static final Set<String> CONNECTION = Set.of("url", "user", "password");
    private static final Set<String> STATE = Set.of("url", "user", "password", "outage_limit");
    private static final Set<String> TELEGRAM = Set.of("token", "api_url");
    private static final Set<String> USER = Set.of("id", "name", "role", "targets", "environments");
    private static final Set<String> POLICY = Set.of("operations", "approvers", "self_approval", "expires", "risk");
    private static final Set<String> HTTP = Set.of("port", "bind");
    private static final Set<String> RETENTION = Set.of("inbox", "audit", "journal", "approvals", "drift_alerts",
            "schema_cache", "schema_cache_versions", "cron");
    /** An IPv4 or IPv6 literal or a host name; whether it can be listened on is found out at start. */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:%_-]*");

    private BotSettingsReader() {
    }

    static BotSettings read(ConfigNode root, Set<String> targetNames) {
        BotSettings defaults = BotSettings.none();
        Optional<DatabaseConnection> state = root.child("state").isMissing() ? Optional.empty()
                : Optional.ofNullable(connection("state", root.child("state"), STATE,
                Set.of(TargetKind.POSTGRESQL)));
        Optional<Duration> outageLimit = outageLimit(root.child("state").child("outage_limit"));
        ConfigNode telegram = root.child("telegram");
        telegram.allowOnly(TELEGRAM);
        Optional<Secret> token = telegram.child("token").text().filter(t -> !t.isBlank()).map(String::strip)
                .map(Secret::new);
        if (!telegram.isMissing() && token.isEmpty()) {
            telegram.child("token").error("missing; expected the bot token from @BotFather, e.g. "
                    + "token: ${MIGRABOT_TELEGRAM_TOKEN}");
        }
        URI api = apiUrl(telegram.child("api_url"));
        List<UserConfig> users = users(root.child("users"), targetNames);
        Set<Long> chats = new LinkedHashSet<>();
        for (ConfigNode chat : root.child("chats").items("chat ids")) {
            Long id = chat.wholeNumber("a Telegram chat id such as -1001234567890");
            if (id != null) {
                chats.add(id);
            }
        }
        Map<Environment, ApprovalPolicy> approvals = approvals(root.child("approvals"));
        Duration progress = root.child("progress_interval").duration(defaults.progressInterval());
        String instance = root.child("instance").text().map(String::strip).orElse(defaults.instance());
        if (!instance.matches("[A-Za-z0-9_.:@-]{1,40}")) {
            root.child("instance").error("expected a short name of letters, digits and _.:@- (at most 40)");
        }
        if (state.isEmpty() && token.isPresent()) {
            root.child("state").error("missing; the Telegram bot keeps its inbox, approvals and audit log in a "
                    + "PostgreSQL database: add state: {url: ..., user: ...}");
        }
        Duration grace = root.child("shutdown_grace").duration(defaults.shutdownGrace());
        return new BotSettings(state, outageLimit, token, api, users, chats, approvals, progress, instance, grace,
                http(root.child("http")), retention(root.child("retention")));
    }

    /** {@code never} (the default) or a duration of at least 10 s. */
    private static Optional<Duration> outageLimit(ConfigNode node) {
        if (node.text().map(String::strip).filter("never"::equalsIgnoreCase).isPresent() || node.isMissing()) {
            return Optional.empty();
        }
        Duration limit = node.duration(Duration.ZERO);
        if (limit.isZero()) {
            return Optional.empty(); // reported by duration()
        }
        if (limit.compareTo(Duration.ofSeconds(10)) < 0) {
            node.error("expected 'never' or at least 10s: a restart of the state database's server takes seconds, "
                    + "and the instance rides that out; got " + node.shown(node.text().orElse("")));
            return Optional.empty();
        }
        return Optional.of(limit);
    }

    private static RetentionPolicy retention(ConfigNode node) {
        RetentionPolicy defaults = RetentionPolicy.DEFAULT;
        node.allowOnly(RETENTION);
        Duration inbox = node.child("inbox").duration(defaults.inbox());
        if (inbox.compareTo(Duration.ofDays(1)) < 0) {
            node.child("inbox").error("expected at least 1d: Telegram may deliver an update again for a day, and "
                    + "the inbox recognises it only while it keeps it");
            inbox = defaults.inbox();
        }
        ConfigNode cronNode = node.child("cron");
        String cron = cronNode.text().map(String::strip).orElse(defaults.cron());
        DriftScheduleReader.checkCron(cronNode, cron);
        return new RetentionPolicy(inbox, node.child("audit").duration(defaults.audit()),
                node.child("journal").duration(defaults.journal()),
                node.child("approvals").duration(defaults.approvals()),
                node.child("drift_alerts").duration(defaults.driftAlerts()),
                node.child("schema_cache").duration(defaults.schemaCache()),
                node.child("schema_cache_versions").positiveInt(defaults.schemaCacheVersions()), cron);
    }

    private static Optional<HttpSettings> http(ConfigNode node) {
        if (node.isMissing()) {
            return Optional.empty();
        }
        node.allowOnly(HTTP);
        ConfigNode portNode = node.child("port");
        int port = portNode.positiveInt(0);
        if (portNode.isMissing()) {
            portNode.error("missing; expected the port to serve /healthz and /metrics on, e.g. 9090");
        } else if (port > 65535) {
            portNode.error("expected a port from 1 to 65535, got " + port);
        }
        String bind = node.child("bind").text().map(String::strip).orElse(HttpSettings.DEFAULT_BIND);
        if (!ADDRESS.matcher(bind).matches()) {
            node.child("bind").error("expected an address to listen on, such as 0.0.0.0 (every interface) or "
                    + "127.0.0.1 (this machine only), got " + node.child("bind").shown(bind));
        }
        return port < 1 || port > 65535 ? Optional.empty() : Optional.of(new HttpSettings(bind, port));
    }

    /** A database connection: a JDBC URL of one of {@code kinds} without secrets, a user and a password. */
    static DatabaseConnection connection(String name, ConfigNode node, Set<String> allowed, Set<TargetKind> kinds) {
        node.allowOnly(allowed);
        String url = node.child("url").requiredText("a JDBC URL such as jdbc:postgresql://db:5432/app");
        Optional<TargetKind> kind = url == null ? Optional.empty() : TargetKind.of(url).filter(kinds::contains);
        if (url != null && kind.isEmpty()) {
            node.child("url").error("expected " + TargetKind.expected(kinds));
            url = null;
        } else if (url != null && kind.get().problem(url).isPresent()) {
            node.child("url").error(kind.get().problem(url).get());
            url = null;
        } else if (url != null && JdbcUrls.holdsSecret(url)) {
            node.child("url").error("holds a password; move it to the 'password' key, e.g. password: ${DB_PASSWORD}");
            url = null;
        }
        String user = kind.isPresent() && !kind.get().hasUsers() ? node.child("user").text().orElse("")
                : node.child("user").requiredText("the database user");
        Secret password = new Secret(node.child("password").text().orElse(""));
        return url == null || user == null ? null : new DatabaseConnection(name, url, user, password);
    }

    private static URI apiUrl(ConfigNode node) {
        Optional<String> text = node.text();
        if (text.isEmpty()) {
            return BotSettings.TELEGRAM;
        }
        try {
            URI uri = new URI(text.get().strip());
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if ((uri.getScheme() != null && uri.getScheme().matches("https?")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && (path.isEmpty() || path.equals("/"))
                    && uri.getRawQuery() == null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        node.error("expected http(s)://HOST[:PORT] with no path, like " + BotSettings.TELEGRAM + ", got "
                + node.shown(text.get()));
        return BotSettings.TELEGRAM;
    }

    private static List<UserConfig> users(ConfigNode node, Set<String> targetNames) {
        List<UserConfig> users = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (ConfigNode user : node.items("users, each with id, name and role")) {
            user.allowOnly(USER);
            Long id = user.child("id").wholeNumber("the person's numeric Telegram user id");
            if (id == null && user.child("id").isMissing()) {
                user.child("id").error("missing; expected the person's numeric Telegram user id (ask @userinfobot)");
            } else if (id != null && id <= 0) {
                user.child("id").error("expected a positive user id; group chats go under 'chats'");
            } else if (id != null && !seen.add(id)) {
                user.child("id").error("user " + id + " is listed twice");
            }
            String name = user.child("name").text().map(String::strip).orElse(id == null ? "?" : "user " + id);
            Role role = user.child("role").choice(Role.values(), Role::key, null);
            if (role == null && user.child("role").isMissing()) {
                user.child("role").error("missing; expected one of viewer, operator, admin");
            }
            Set<String> targets = new LinkedHashSet<>(user.child("targets").strings(List.of()));
            for (String target : targets) {
                if (!targetNames.contains(target)) {
                    user.child("targets").error("no target named '" + target + "'; expected some of "
                            + String.join(", ", targetNames));
                }
            }
            Set<Environment> environments = new LinkedHashSet<>();
            for (String word : user.child("environments").strings(List.of())) {
                Environment environment = environment(word);
                if (environment == null) {
                    user.child("environments").error("'" + word + "' is not an environment; expected some of "
                            + "production, staging, development");
                } else {
                    environments.add(environment);
                }
            }
            if (id != null && id > 0 && role != null) {
                users.add(new UserConfig(id, name, role, targets, environments));
            }
        }
        return users;
    }

    private static Map<Environment, ApprovalPolicy> approvals(ConfigNode node) {
        Map<Environment, ApprovalPolicy> policies = new EnumMap<>(BotSettings.defaultPolicies());
        for (Map.Entry<String, ConfigNode> entry : node.entries("environments")) {
            Environment environment = environment(entry.getKey());
            ConfigNode policy = entry.getValue();
            if (environment == null) {
                policy.error("not an environment; expected production, staging or development");
                continue;
            }
            policy.allowOnly(POLICY);
            ApprovalPolicy fallback = ApprovalPolicy.defaultFor(environment);
            List<String> operations = policy.child("operations").strings(List.copyOf(fallback.operations()));
            for (String operation : operations) {
                if (!ApprovalPolicy.OPERATIONS.contains(operation)) {
                    policy.child("operations").error("'" + operation + "' cannot need approval; expected some of "
                            + "downgrade, merge, restore, stamp, upgrade");
                }
            }
            Optional<io.migrabot.impact.Risk> risk = fallback.risk();
            Optional<String> riskText = policy.child("risk").text();
            if (riskText.isPresent()) {
                switch (riskText.get().strip()) {
                    case "high" -> risk = Optional.of(io.migrabot.impact.Risk.HIGH);
                    case "medium" -> risk = Optional.of(io.migrabot.impact.Risk.MEDIUM);
                    default -> policy.child("risk").error("expected high or medium (changes measured at or above it "
                            + "wait for approval), got " + policy.child("risk").shown(riskText.get()));
                }
            }
            policies.put(environment, new ApprovalPolicy(Set.copyOf(operations),
                    policy.child("approvers").positiveInt(fallback.approvers()),
                    policy.child("self_approval").bool(fallback.selfApproval()),
                    policy.child("expires").duration(fallback.expires()), risk));
        }
        return policies;
    }

    private static Environment environment(String word) {
        for (Environment e : Environment.values()) {
            if (e.key().equalsIgnoreCase(word.strip())) {
                return e;
            }
        }
        return null;
    }
}

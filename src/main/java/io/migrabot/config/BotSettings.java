package io.migrabot.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the chat bot runs: its state database, Telegram, who may talk to it and where, approval policies per
 * environment, how often a status message may be edited, and where its health and metrics are served.
 *
 * @param state            the state database; empty when none is configured (read-only CLI use)
 * @param stateOutageLimit how long a running bot rides out the state database's absence before it stops; empty
 *                         for never
 * @param telegramToken    the bot token; empty when Telegram is not configured (console only)
 * @param telegramApi      the Bot API server (Telegram's own, a self-hosted one, or a test's fake)
 * @param chats            group chats the bot answers in; private chats with listed users are always allowed
 * @param progressInterval the least time between two edits of one status message
 * @param instance         this instance's name; each process adds a number to it ({@code name#17}), so instances
 *                         sharing a name (and a host) are still told apart
 * @param shutdownGrace    how long a stop (SIGTERM) lets running operations finish before cutting them off
 * @param http             where {@code /healthz} and {@code /metrics} are served; empty for not at all
 * @param retention        how long the state database keeps what it no longer needs
 */
public record BotSettings(Optional<DatabaseConnection> state, Optional<Duration> stateOutageLimit,
                          Optional<Secret> telegramToken, URI telegramApi,
                          List<UserConfig> users, Set<Long> chats, Map<Environment, ApprovalPolicy> approvals,
                          Duration progressInterval, String instance, Duration shutdownGrace,
                          Optional<HttpSettings> http, RetentionPolicy retention) {
    public static final URI TELEGRAM = URI.create("https://api.telegram.org");

    public BotSettings {
        users = List.copyOf(users);
        chats = Set.copyOf(chats);
        approvals = Map.copyOf(approvals);
    }

    /** No bot configured: no state database, no Telegram, nobody. */
    public static BotSettings none() {
        return new BotSettings(Optional.empty(), Optional.empty(), Optional.empty(), TELEGRAM, List.of(), Set.of(), defaultPolicies(),
                Duration.ofSeconds(3), defaultInstance(), Duration.ofSeconds(60), Optional.empty(),
                RetentionPolicy.DEFAULT);
    }

    public static Map<Environment, ApprovalPolicy> defaultPolicies() {
        Map<Environment, ApprovalPolicy> policies = new java.util.EnumMap<>(Environment.class);
        for (Environment e : Environment.values()) {
            policies.put(e, ApprovalPolicy.defaultFor(e));
        }
        return policies;
    }

    public ApprovalPolicy approval(Environment environment) {
        return approvals.getOrDefault(environment, ApprovalPolicy.defaultFor(environment));
    }

    public Optional<UserConfig> user(long id) {
        return users.stream().filter(u -> u.id() == id).findFirst();
    }

    /** The host name, which is what tells instances apart in logs and in the inbox. */
    public static String defaultInstance() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "migrabot";
            }
        }
        return host;
    }
}

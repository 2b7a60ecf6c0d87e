package io.migrabot.backup;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.TargetConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the PostgreSQL command-line tools reach a target: host, port and database from its JDBC URL, the user as
 * an argument, the password in {@code PGPASSWORD} (never on a command line), SSL settings as PG* variables.
 */
record PgConnection(String host, int port, String database, String user, Map<String, String> environment) {

    static PgConnection of(TargetConfig target) {
        URI uri;
        try {
            uri = new URI(target.url().substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "the URL of target " + target.name()
                    + " cannot be read for pg_dump: " + target.displayUrl());
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? target.user()
                : uri.getPath().substring(1);
        Map<String, String> environment = new LinkedHashMap<>();
        if (!target.password().isEmpty()) {
            environment.put("PGPASSWORD", target.password().reveal());
        }
        if (uri.getQuery() != null) {
            for (String parameter : uri.getQuery().split("&")) {
                int eq = parameter.indexOf('=');
                if (eq > 0 && parameter.substring(0, eq).equalsIgnoreCase("sslmode")) {
                    environment.put("PGSSLMODE", parameter.substring(eq + 1));
                }
            }
        }
        environment.put("PGCONNECT_TIMEOUT", "10");
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        return new PgConnection(host, uri.getPort() < 0 ? 5432 : uri.getPort(), database, target.user(),
                environment);
    }

    /** The connection arguments shared by pg_dump and pg_restore. */
    java.util.List<String> arguments() {
        return java.util.List.of("--host", host, "--port", String.valueOf(port), "--username", user,
                "--no-password");
    }
}

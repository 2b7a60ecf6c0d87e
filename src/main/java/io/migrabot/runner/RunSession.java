package io.migrabot.runner;

import io.migrabot.config.ExecutionLimits;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a run's database sessions are set up: the name they carry in {@code pg_stat_activity} (so that a lock watch
 * can find them, see {@link io.migrabot.database.LockWatch}) and the target's lock and statement timeouts. The
 * native runner sets both on its connection; an Alembic subprocess gets them through libpq's {@code PGAPPNAME} and
 * {@code PGOPTIONS}, which psycopg honours.
 *
 * @param applicationName the sessions' application_name, or null to leave it alone
 */
public record RunSession(String applicationName, ExecutionLimits limits) {
    /** No name, no limits: as the server's defaults say. */
    public static final RunSession NONE = new RunSession(null, new ExecutionLimits(Duration.ZERO, Duration.ZERO, 0,
            Duration.ofSeconds(1)));

    /** The SET statements for a native run's connection (the name and limits are generated, never typed). */
    List<String> statements() {
        List<String> statements = new java.util.ArrayList<>();
        if (applicationName != null) {
            statements.add("SET application_name = '" + applicationName.replace("'", "''") + "'");
        }
        for (String setting : limits.settings()) {
            int equals = setting.indexOf('=');
            statements.add("SET " + setting.substring(0, equals) + " = " + setting.substring(equals + 1));
        }
        return statements;
    }

    /** The variables for an Alembic subprocess, added to (and for PGOPTIONS, after) what the target configures. */
    Map<String, String> environment(Map<String, String> configured) {
        Map<String, String> environment = new LinkedHashMap<>(configured);
        String options = limits.pgOptions();
        if (!options.isEmpty()) {
            String before = configured.getOrDefault("PGOPTIONS", System.getenv().getOrDefault("PGOPTIONS", ""));
            environment.put("PGOPTIONS", (before.isBlank() ? "" : before.strip() + " ") + options);
        }
        if (applicationName != null) {
            environment.put("PGAPPNAME", applicationName);
        }
        return environment;
    }
}

package io.migrabot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Configures logback in code (found through {@code META-INF/services}), because reading a logback.xml costs a
 * short command ~50 ms of XML parsing. Logs go to standard error so command output on standard output stays clean:
 * WARN and above, or the level {@code MIGRABOT_LOG_LEVEL} names (a system property or environment variable; e.g.
 * DEBUG for more), one line each as {@value #PATTERN}.
 *
 * <p>A configuration file still wins when one is asked for: {@code -Dlogback.configurationFile=...}, or a
 * {@code logback-test.xml} on the class path (the tests have one).
 */
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
    static final String LEVEL_VARIABLE = "MIGRABOT_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LoggingConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level(), Level.DEBUG)); // what logback does with a level it does not know
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** As logback resolved {@code ${MIGRABOT_LOG_LEVEL:-WARN}}: a system property, else the environment. */
    private static String level() {
        String level = System.getProperty(LEVEL_VARIABLE);
        if (level == null) {
            level = System.getenv(LEVEL_VARIABLE);
        }
        return level == null ? "WARN" : level;
    }
}

package io.migrabot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

import java.util.function.UnaryOperator;

/**
 * migrabot's log, set up in code (logback finds this class through {@code META-INF/services}): one appender on
 * standard error, so a command's output on standard output stays clean, as text lines or one JSON object per line
 * ({@link LogFormat}), at the level {@code MIGRABOT_LOG_LEVEL} names (WARN when unset). Code rather than a
 * {@code logback.xml}: reading XML was the largest part of logback's set-up, which every command waits for.
 *
 * <p>A {@code logback.configurationFile} system property still wins: the file it names is read as usual. Logback's
 * own status messages are dropped (logback prints them on standard output otherwise).
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    public static final String LEVEL_VARIABLE = "MIGRABOT_LOG_LEVEL";
    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";

    private final UnaryOperator<String> settings;

    /** Reads the settings from system properties first, then the environment, as the XML configuration did. */
    public LogConfigurator() {
        this(name -> System.getProperty(name, System.getenv(name)));
    }

    LogConfigurator(UnaryOperator<String> settings) {
        this.settings = settings;
    }

    /** The level a value of {@code MIGRABOT_LOG_LEVEL} names; unset or empty is WARN. */
    public static Level level(String value) {
        if (value == null || value.isBlank()) {
            return Level.WARN;
        }
        Level level = Level.toLevel(value.strip(), null);
        if (level == null || level == Level.ALL) {
            throw new MigrabotException(ErrorCode.USAGE, LEVEL_VARIABLE
                    + ": expected one of trace, debug, info, warn, error or off, got '" + value + "'");
        }
        return level;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        context.getStatusManager().add(new NopStatusListener());
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder(context, LogFormat.of(settings.apply(LogFormat.VARIABLE))));
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(settings.apply(LEVEL_VARIABLE)));
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Text: time, level, logger and message. JSON: time, level, thread, logger, the message as the text line shows it,
     * and any exception; no MDC, raw arguments, key-value pairs, markers or context properties, so nothing a text line
     * leaves out comes back in JSON.
     */
    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
        if (format == LogFormat.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMDC(false);
            json.setWithKVPList(false);
            json.setWithMarkers(false);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }
}

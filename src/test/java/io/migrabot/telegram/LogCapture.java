package io.migrabot.telegram;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Everything migrabot, telegrambots and OkHttp log while it is open, at every level (OkHttp's
 * {@code java.util.logging} records included), kept instead of printed; closing restores the loggers.
 */
final class LogCapture implements AutoCloseable {
    private static final List<String> LOGGERS = List.of("io.migrabot", "org.telegram", "okhttp3");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<LogRecord> julRecords = new CopyOnWriteArrayList<>();
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> savedLevels = new ArrayList<>();
    private final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julRecords.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogCapture() {
        appender.start();
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            loggers.add(logger);
            savedLevels.add(logger.getLevel());
            logger.setLevel(Level.DEBUG);
            logger.setAdditive(false);
            logger.addAppender(appender);
        }
        java.util.logging.Logger.getLogger("").addHandler(julHandler);
    }

    /** How many events at {@code level} have a message containing {@code text}, ignoring case. */
    long count(Level level, String text) {
        return appender.list.stream().filter(event -> event.getLevel().equals(level))
                .filter(event -> event.getFormattedMessage().toLowerCase().contains(text.toLowerCase())).count();
    }

    /** Every event as text: level, logger, message and each exception in its cause chain with its message. */
    List<String> everything() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
                    + event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            lines.add(line.toString());
        }
        for (LogRecord record : julRecords) {
            lines.add(record.getLevel() + " " + record.getLoggerName() + " " + record.getMessage()
                    + (record.getThrown() == null ? "" : " | " + record.getThrown()));
        }
        return lines;
    }

    @Override
    public void close() {
        java.util.logging.Logger.getLogger("").removeHandler(julHandler);
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(appender);
            loggers.get(i).setAdditive(true);
            loggers.get(i).setLevel(savedLevels.get(i));
        }
        appender.stop();
    }
}

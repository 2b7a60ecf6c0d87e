package io.migrabot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The log as a process sets it up ({@link LogConfigurator}) with MIGRABOT_LOG_FORMAT set, writing to stderr. */
class LogFormatTest {
    private static final String SECRET = "hunter2-not-for-logs";

    /** What {@code logging} wrote to standard error through a logger context configured for {@code format}. */
    private static String logged(LogFormat format, Consumer<LoggerContext> logging) throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            context.setMDCAdapter(new LogbackMDCAdapter());
            Map<String, String> settings = Map.of(LogFormat.VARIABLE, format.key(), "MIGRABOT_LOG_LEVEL", "info");
            new LogConfigurator(settings::get).configure(context);
            logging.accept(context);
        } finally {
            context.stop();
            System.setErr(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** A connection message, an exception, and secrets where only JSON could bring them back. */
    private static void typical(LoggerContext context) {
        Logger log = context.getLogger("io.migrabot.chat.Conversation");
        context.getMDCAdapter().put("password", SECRET);
        log.atInfo().addKeyValue("token", SECRET).log("Connected to {} as {}", "jdbc:postgresql://db:5432/app",
                "migrabot");
        log.debug("below the level: {}", SECRET);
        log.error("/upgrade failed unexpectedly (incident {})", "1a2b3c4d", new IllegalStateException("boom"));
    }

    @Test
    void jsonIsOneObjectPerLineWithTheTextLinesMessageAndNothingMore() throws Exception {
        String out = logged(LogFormat.JSON, LogFormatTest::typical);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize(2);
        JsonNode info = lines.get(0);
        assertThat(info.get("level").asText()).isEqualTo("INFO");
        assertThat(info.get("loggerName").asText()).isEqualTo("io.migrabot.chat.Conversation");
        assertThat(info.get("formattedMessage").asText()).isEqualTo("Connected to jdbc:postgresql://db:5432/app as migrabot");
        assertThat(info.get("timestamp").isNumber()).isTrue();
        assertThat(info.fieldNames()).toIterable().containsExactlyInAnyOrder("timestamp", "level", "threadName",
                "loggerName", "formattedMessage", "throwable");
        JsonNode error = lines.get(1);
        assertThat(error.get("formattedMessage").asText()).isEqualTo("/upgrade failed unexpectedly (incident 1a2b3c4d)");
        assertThat(error.at("/throwable/className").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.at("/throwable/message").asText()).isEqualTo("boom");
        assertThat(out).doesNotContain(SECRET, "mdc", "arguments", "kvpList", "context");
    }

    @Test
    void textIsTheDefaultAndKeepsItsOneLineFormat() throws Exception {
        String out = logged(LogFormat.of(null), LogFormatTest::typical);
        assertThat(out.lines().findFirst().orElseThrow())
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  i\\.m\\.chat\\.Conversation - Connected to "
                        + "jdbc:postgresql://db:5432/app as migrabot");
        assertThat(out).contains("java.lang.IllegalStateException: boom").doesNotContain(SECRET);
    }

    @Test
    void theLevelIsWarnUnlessSetAndAWrongOneNamesItself() {
        assertThat(LogConfigurator.level(null)).isEqualTo(Level.WARN);
        assertThat(LogConfigurator.level(" debug ")).isEqualTo(Level.DEBUG);
        assertThat(LogConfigurator.level("OFF")).isEqualTo(Level.OFF);
        assertThatThrownBy(() -> LogConfigurator.level("verbose")).isInstanceOf(MigrabotException.class)
                .hasMessage("MIGRABOT_LOG_LEVEL: expected one of trace, debug, info, warn, error or off, got 'verbose'");
    }

    @Test
    void aLevelBelowTheSettingIsNotWritten() throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            context.setMDCAdapter(new LogbackMDCAdapter());
            new LogConfigurator(Map.<String, String>of()::get).configure(context);
            context.getLogger("x").info("not at the default level");
            context.getLogger("x").warn("a warning");
        } finally {
            context.stop();
            System.setErr(saved);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("not at").contains("WARN  x - a warning");
    }

    @Test
    void theSwitchTakesTextOrJsonInAnyCaseAndNamesItselfWhenWrong() {
        assertThat(LogFormat.of("")).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.of(" JSON ")).isEqualTo(LogFormat.JSON);
        assertThatThrownBy(() -> LogFormat.of("xml")).isInstanceOf(MigrabotException.class)
                .hasMessage("MIGRABOT_LOG_FORMAT: expected text or json, got 'xml'");
    }
}

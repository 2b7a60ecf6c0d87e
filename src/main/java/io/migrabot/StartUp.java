package io.migrabot;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;

/**
 * Sets logback and Jdbi up on a second core while picocli reads the command line: each takes tens of milliseconds
 * the first time in a process (logback's configuration, Jdbi's mappers), and a one-shot command would otherwise wait
 * for them one after the other.
 *
 * <p>The command itself must not start before logging is set up ({@link #awaitLogging()}): SLF4J hands a thread that
 * asks for a logger while another thread is initialising it a stand-in that records the calls, and then prints three
 * {@code SLF4J(W)} lines on standard error when it replays them, in about one run in twenty, breaking scripts that
 * read migrabot's output. Jdbi needs no such wait: whichever thread comes first initialises its classes, and the
 * other waits for the class initialisation the JVM serialises.
 */
final class StartUp {
    /** Nothing was started: in-process callers (tests, the console) set logging up on first use. */
    static final StartUp NONE = new StartUp(new CountDownLatch(0));

    private final CountDownLatch logging;

    private StartUp(CountDownLatch logging) {
        this.logging = logging;
    }

    /** Starts the set-up on a daemon thread. A failure here is left for the real use to report. */
    static StartUp inBackground() {
        StartUp startUp = new StartUp(new CountDownLatch(1));
        Thread thread = new Thread(startUp::setUp, "migrabot-start-up");
        thread.setDaemon(true);
        thread.start();
        return startUp;
    }

    private void setUp() {
        try {
            LoggerFactory.getILoggerFactory();
        } catch (RuntimeException | LinkageError ignored) {
            // reported where logging is used
        } finally {
            logging.countDown();
        }
        try {
            Jdbi.create(() -> {
                throw new SQLException("never connects");
            });
        } catch (RuntimeException | LinkageError ignored) {
            // reported where Jdbi is used
        }
    }

    /** Returns once logging is set up (or its set-up failed), so that no log call can meet SLF4J's stand-in. */
    void awaitLogging() {
        boolean interrupted = false;
        while (true) {
            try {
                logging.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.migrabot.demo;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PostgreSQL server (zonky's embedded binaries, from Maven Central: no system install, no Docker),
 * with its data in a folder of the caller's, listening on 127.0.0.1 only, and stopped for good by {@link #close}.
 *
 * <p>PostgreSQL refuses to run as root. As root, zonky starts the server in a user namespace
 * ({@code unshare -U}) where it is not root; where that is not allowed, the server cannot start and the message
 * says to run as an ordinary user.
 */
final class EmbeddedServer implements AutoCloseable {
    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path pidFile;
    private final Optional<ProcessHandle> postmaster;

    private EmbeddedServer(EmbeddedPostgres postgres, Path pidFile) {
        this.postgres = postgres;
        this.pidFile = pidFile;
        this.postmaster = postmaster(pidFile);
    }

    /**
     * Starts a new server with its data in {@code data} (which must not exist yet; the caller deletes it after
     * {@link #close}) and the server's own output in {@code log}.
     */
    static EmbeddedServer start(Path data, Path log) {
        removeLeftoverProbe();
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false) // the caller deletes it: zonky's own shutdown hook would race it
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "") // nothing left in /tmp, even after a SIGKILL
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new MigrabotException(ErrorCode.DEMO, whyNotStarted(e, log), e);
        }
        return new EmbeddedServer(postgres, data.resolve("postmaster.pid"));
    }

    int port() {
        return postgres.getPort();
    }

    /** The JDBC URL of {@code database} on this server, without credentials. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    String user() {
        return USER;
    }

    /** The server's major version (14 for 14.x): a pg_dump must be at least as new to dump it. */
    int majorVersion() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet version = s.executeQuery("SHOW server_version_num")) {
            version.next();
            return Integer.parseInt(version.getString(1)) / 10000;
        }
    }

    void createDatabases(List<String> names) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("CREATE DATABASE " + name);
            }
        }
    }

    /** Stops the server (fast shutdown: open sessions are ended) and waits until it is gone. */
    @Override
    public void close() throws IOException {
        postgres.close();
        // zonky's own shutdown hook may be stopping it at the same moment, and then close() returns at once: wait
        // here either way, so the caller never deletes the folder of a server that is still running. The server
        // removes its pid file last of all; its process may linger as a zombie until its parent (init, here) reaps it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (Files.exists(pidFile) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (Files.exists(pidFile)) {
            postmaster.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** The server's process, from the pid file it writes in its data folder. */
    private static Optional<ProcessHandle> postmaster(Path pidFile) {
        try {
            String pid = Files.readAllLines(pidFile).get(0).strip();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String whyNotStarted(Exception e, Path log) {
        String output = "";
        try {
            output = Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException ignored) {
            // the cause alone has to do
        }
        if (output.contains("cannot be run as root")) {
            return "the embedded PostgreSQL cannot start: PostgreSQL refuses to run as root, and this system does not "
                    + "let it leave root in a user namespace (unshare -U failed or is missing). Run migrabot demo as "
                    + "an ordinary user.";
        }
        if (e.getMessage() != null && e.getMessage().startsWith("No Postgres binary found")) {
            return "the embedded PostgreSQL cannot start: " + e.getMessage() + "; this build carries PostgreSQL "
                    + "for Linux (glibc and Alpine) and macOS on x86_64";
        }
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        String last = lines.isEmpty() ? String.valueOf(e.getMessage())
                : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        return "the embedded PostgreSQL did not start: " + last + " (the temporary folder must allow running "
                + "programs; set TMPDIR to another folder if it does not)";
    }

    /**
     * zonky's {@link LinuxUtils}, when first loaded, copies a script that detects the Linux distribution into the
     * temporary folder and leaves it there. Load it here and remove the copy it made.
     */
    private static void removeLeftoverProbe() {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> before = probes(temporary);
        LinuxUtils.getDistributionName();
        for (Path probe : probes(temporary)) {
            if (!before.contains(probe)) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // another process's probe, or one already gone
                }
            }
        }
    }

    private static Set<Path> probes(Path folder) {
        Set<Path> found = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "detect_linux_distribution_*.sh")) {
            files.forEach(found::add);
        } catch (IOException ignored) {
            // nothing to tidy where nothing can be listed
        }
        return found;
    }
}

package io.migrabot.demo;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.migrabot.config.Environment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The demo's own folder: the targets' projects copied out of the jar, the configuration written for this session,
 * the server's data and log, migrabot's log, and (unless the person chose a folder) the files the bot sends.
 */
record Workspace(Path root) {
    private static final String PROJECTS = "/demo/";

    static Workspace create() throws IOException {
        return new Workspace(Files.createTempDirectory("migrabot-demo-"));
    }

    Path data() {
        return root.resolve("postgres");
    }

    Path serverLog() {
        return root.resolve("postgres.log");
    }

    /** migrabot's own log. */
    Path log() {
        return root.resolve("migrabot.log");
    }

    Path files() {
        return root.resolve("files");
    }

    Path config() {
        return root.resolve("migrabot.yml");
    }

    /** A SQLite target's database file. */
    Path file(DemoTarget target) {
        return root.resolve(target.key() + "_database.db");
    }

    Path project(DemoTarget target) {
        return root.resolve("projects").resolve(target.key());
    }

    /** Copies each target's revision files, as listed in the jar's {@code demo/index}, into its project folder. */
    void writeProjects() throws IOException {
        for (String file : resource("index").lines().filter(l -> !l.isBlank()).toList()) {
            Path copy = root.resolve("projects").resolve(file);
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, resource(file));
        }
    }

    /**
     * The configuration of this session: both targets and the state database on {@code server}, two admins. The
     * production target takes a verified backup before each upgrade when {@code tools} has a pg_dump for the server.
     */
    void writeConfig(EmbeddedServer server, String stateDatabase, Optional<DumpTools.Found> tools)
            throws IOException {
        StringBuilder yaml = new StringBuilder("""
                # Written by `migrabot demo` for this session, and removed with it. The PostgreSQL targets take a
                # backup only in production, and only where a pg_dump for the embedded server was found; a SQLite
                # file's backups need no tools. A real configuration keeps them.
                targets:
                """);
        for (DemoTarget target : DemoTarget.values()) {
            String connection = switch (target.kind()) {
                case POSTGRESQL -> "url: %s\n    user: %s\n    backup: %s".formatted(server.url(target.key()),
                        server.user(), tools.filter(t -> target.environment() == Environment.PRODUCTION)
                                .map(t -> "{before: [upgrade], tools: " + quoted(t.folder().toString()) + "}")
                                .orElse("{before: []}"));
                // a SQLite file's backups need no tools: they are taken, into backups/NAME here
                case SQLITE -> "url: \"jdbc:sqlite:%s\"".formatted(file(target));
            };
            yaml.append("""
                      %s:
                        %s
                        environment: %s
                        migrations: {kind: sql, directory: projects/%s}
                    """.formatted(target.key(), connection, target.environment().key(), target.key()));
        }
        yaml.append("""
                state: {url: %s, user: %s}
                users:
                  - {id: 1, name: alice, role: admin}
                  - {id: 2, name: bob, role: admin}
                instance: demo
                """.formatted(server.url(stateDatabase), server.user()));
        Files.writeString(config(), yaml);
    }

    /** A YAML double-quoted string (JSON's quoting, which YAML reads the same), kept from ${VAR} substitution. */
    private static String quoted(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text.replace("${", "$${"))) + '"';
    }

    /** Deletes the folder and everything in it. */
    void delete() throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Workspace.class.getResourceAsStream(PROJECTS + name)) {
            if (in == null) {
                throw new IOException("the jar has no " + PROJECTS + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

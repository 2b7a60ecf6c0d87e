package io.migrabot.demo;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.chat.ChatSender;
import io.migrabot.chat.ChatService;
import io.migrabot.config.BackupPolicy;
import io.migrabot.config.ConfigLoader;
import io.migrabot.config.MigrabotConfig;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.TargetDatabase;
import io.migrabot.operation.Target;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One demo session: a folder, an embedded PostgreSQL with the demo's targets in their situations and the bot's
 * state database, and the chat service on top. Everything is removed by {@link #close}, which a shutdown hook also
 * calls, so Ctrl-C and SIGTERM leave nothing behind either (a SIGKILL does: no process can clean up after that).
 */
public final class Demo implements AutoCloseable {
    private static final String STATE_DATABASE = "migrabot_state";
    /** How long a running operation may go on after the person leaves. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final Teardown teardown = new Teardown();
    private final Optional<Path> ownFiles;
    private final PrintWriter out;
    // volatile: the shutdown hook's thread reads them
    private volatile Workspace workspace;
    private volatile EmbeddedServer server;
    private volatile MigrabotConfig config;
    private volatile Optional<DumpTools.Found> dumpTools = Optional.empty();
    private volatile int serverMajor;

    private Demo(Optional<Path> ownFiles, PrintWriter out) {
        this.ownFiles = ownFiles;
        this.out = out;
    }

    /**
     * Makes the folder, starts the server and prepares the targets.
     *
     * @param ownFiles a folder of the person's for the files the bot sends, kept after the demo; empty for one in
     *                 the demo's folder
     * @param out      where the last line (what was removed) is printed
     */
    public static Demo start(Optional<Path> ownFiles, PrintWriter out) {
        ownFiles.ifPresent(Demo::requireWritable);
        Demo demo = new Demo(ownFiles, out);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "migrabot-demo-teardown"));
        try {
            demo.setUp();
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    /** The person's folder for files, made if it is missing; checked first, so nothing else is made in vain. */
    private static void requireWritable(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new MigrabotException(ErrorCode.USAGE, "--files " + folder + ": a file, not a folder");
        } catch (AccessDeniedException e) {
            throw new MigrabotException(ErrorCode.USAGE, "--files " + folder + ": permission denied");
        } catch (FileSystemException e) {
            throw new MigrabotException(ErrorCode.USAGE, "--files " + folder + ": cannot make the folder there"
                    + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.USAGE, "--files " + folder + ": cannot make the folder ("
                    + e.getMessage() + ")");
        }
        if (!Files.isWritable(folder)) {
            throw new MigrabotException(ErrorCode.USAGE, "--files " + folder + ": the folder is not writable");
        }
    }

    private void setUp() {
        workspace = teardown.make("the demo's folder", Workspace::create, Workspace::delete);
        teardown.make("the log file", this::logToFile, file -> {
            // Not back to the terminal: a thread still stopping (a command cut off by Ctrl-C, its audit write meeting
            // a closed pool) would break into the screen after the goodbye. The person's messages go through the
            // command line's own writer, made before the demo started; what is logged from now on is dropped.
            System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            file.close();
        });
        server = teardown.make("the embedded PostgreSQL", () -> EmbeddedServer.start(workspace.data(),
                workspace.serverLog()), EmbeddedServer::close);
        try {
            workspace.writeProjects();
            List<String> databases = new ArrayList<>();
            for (DemoTarget target : DemoTarget.values()) {
                switch (target.kind()) {
                    case POSTGRESQL -> databases.add(target.key());
                    case SQLITE -> Files.createFile(workspace.file(target)); // an empty file is an empty database
                }
            }
            databases.add(STATE_DATABASE);
            server.createDatabases(databases);
            serverMajor = server.majorVersion();
            dumpTools = DumpTools.find(System.getenv(), serverMajor);
            workspace.writeConfig(server, STATE_DATABASE, dumpTools);
        } catch (IOException | SQLException e) {
            throw new MigrabotException(ErrorCode.DEMO, "could not set up the demo in " + workspace.root() + ": "
                    + e.getMessage(), e);
        }
        config = ConfigLoader.load(workspace.config(), Map.of());
        for (DemoTarget target : DemoTarget.values()) {
            TargetConfig settings = config.target(target.key()).orElseThrow();
            try (TargetDatabase database = TargetDatabase.of(settings)) {
                target.prepare(Target.open(withoutBackups(settings), database, null));
            }
        }
    }

    /** The target as configured, but taking no backup: setting up its situation is not the person's upgrade. */
    private static TargetConfig withoutBackups(TargetConfig t) {
        BackupPolicy policy = t.backup();
        return new TargetConfig(t.name(), t.url(), t.user(), t.password(), t.environment(), t.migrations(),
                t.versionTable(), t.versionTableSchema(), new BackupPolicy(policy.directory(), Set.of(),
                policy.keepLast(), policy.maxAge(), policy.tools()), t.shadow(), t.drift());
    }

    /**
     * Sends the log (which goes to standard error) to a file in the demo's folder until the teardown, so warnings
     * do not break into the chat on the screen: such as a query cut off when Ctrl-C stops the server under it.
     * Messages to the person (a failure to start) are printed by the command line, not logged.
     */
    private PrintStream logToFile() throws IOException {
        PrintStream file = new PrintStream(Files.newOutputStream(workspace.log()), true, StandardCharsets.UTF_8);
        System.setErr(file);
        return file;
    }

    public MigrabotConfig config() {
        return config;
    }

    /** Where the files the bot sends are saved. */
    public Path files() {
        return ownFiles.orElse(workspace.files());
    }

    /** The chat bot on the demo's configuration, closed with the rest of the demo. */
    public ChatService openChat(ChatSender sender) {
        return teardown.make("the chat service", () -> ChatService.open(config, sender), s -> s.close(GRACE));
    }

    /** The first screen. */
    public String welcome() {
        return Welcome.text(workspace, server, files(), ownFiles.isPresent(), Welcome.backups(dumpTools, serverMajor,
                DumpTools.where(System.getenv())));
    }

    /** Stops the chat and the server and deletes the demo's folder; calling it again does nothing. */
    @Override
    public void close() {
        if (teardown.run() && workspace != null) {
            out.println("migrabot demo: " + (server == null ? "" : "stopped its PostgreSQL and ") + "removed "
                    + workspace.root());
            out.flush();
        }
    }
}

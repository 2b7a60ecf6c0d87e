package io.migrabot.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code migrabot demo} run as a newcomer runs it: the steps of its first screen typed one by one, each answer
 * checked, and after leaving (by {@code \quit}, or by SIGTERM as Ctrl-C sends) no server, no folder, nothing in
 * the temporary folder but zonky's cache of the PostgreSQL binaries.
 */
class DemoTest {
    /** zonky's binaries, unpacked once per temporary folder and kept for the next start. */
    private static final String BINARY_CACHE = "embedded-pg";
    /** The embedded server's major version: zonky's PostgreSQL 14. */
    private static final int SERVER_MAJOR = 14;
    /** The pg_dump the demo finds here for its production target's backups, if any. */
    private static final Optional<DumpTools.Found> TOOLS = DumpTools.find(System.getenv(), SERVER_MAJOR);

    @TempDir
    Path temporary;

    @Test
    void aNewcomerFollowsTheFirstScreenFromTheDoctorToAnUpgradeApprovedByBob() throws Exception {
        try (DemoSession demo = DemoSession.start(temporary, Map.of())) {
            demo.await("/doctor shop", "/doctor billing", "/heads shop", "/graph shop", "/upgrade shop heads",
                    "\\as bob", "Approve", "/doctor bot", "\\quit, Ctrl-D or Ctrl-C", "alice> ");
            assertThat(demo.screen()).contains(TOOLS.map(t -> "Backups: shop takes a verified pg_dump before each "
                    + "upgrade (pg_dump " + t.major() + " in " + t.folder() + ").").orElse("Backups: none"));
            Path root = Path.of(demo.find("its files in (\\S+)"));
            int port = Integer.parseInt(demo.find("127\\.0\\.0\\.1:(\\d+)"));
            assertThat(root).isDirectory().startsWith(temporary);

            demo.type("/doctor shop");
            demo.await("shop: 3 finding(s)", "2 heads: leaderboard_rewards, update_mission_icon_size",
                    "column public.orders.coupon unexpected", "2 revision(s) pending from 0002_orders",
                    "🔧 Write a merge revision", "(type the number to choose)");
            demo.type("/doctor billing");
            demo.await("stamped at c7a3d9e12f8b, ahead of the real schema, which is 9044ba1e3377",
                    "table public.call_stats missing", "[1] 🔧 Stamp 9044ba1e3377");
            demo.type("/heads shop");
            demo.await("leaderboard_rewards (head)", "update_mission_icon_size (head)");
            demo.type("/graph shop");
            demo.await("[picture] ", ".png");
            Path picture = Path.of(demo.find("\\[picture] (\\S+\\.png)"));
            assertThat(picture).startsWith(root);
            assertThat(Files.readAllBytes(picture)).startsWith(0x89, 'P', 'N', 'G');

            demo.type("/upgrade shop heads");
            demo.await("Approval needed: upgrade on shop (production)", "runs 2 revision(s)",
                    "[1] ✅ Approve [2] ❌ Reject");
            demo.type("1");
            demo.await("You cannot approve your own request");
            demo.type("\\as bob");
            demo.await("(now acting as bob, admin)", "bob> ");
            demo.type("1");
            demo.await("Approved; running it now.");
            if (TOOLS.isPresent()) {
                demo.await("💾 backup shop-", ".dump, ", " KiB, sha256 ", "…, verified with pg_restore --list");
            }
            demo.await("✅ upgrade done: 0002_orders → update_mission_icon_size, leaderboard_rewards");

            demo.type("\\as alice");
            demo.type("/doctor bot");
            demo.await("no version table", "the live schema is exactly what revision 002_add_phone_number_to_users "
                    + "produces", "[1] 🔧 Stamp 002_add_phone_number_to_users");
            demo.type("1");
            demo.await("Approval needed: stamp on bot (development)", "[1] ✅ Approve [2] ❌ Reject");
            demo.type("\\as bob");
            demo.type("1");
            demo.await("verified with PRAGMA integrity_check", "✅ stamp done: <base> → 002_add_phone_number_to_users");
            demo.type("/upgrade bot head");
            demo.await("verified with PRAGMA integrity_check",
                    "✅ upgrade done: 002_add_phone_number_to_users → 003_add_settings_table");

            demo.type("hello");
            demo.await("Send a command, such as /help.");
            demo.type("\\foo");
            demo.await("(no console command \\foo; \\as NAME acts as another user, \\quit leaves)");
            demo.type("42");
            demo.await("(no choice 42 on screen)");
            demo.type("/upgrade shop");
            demo.await("one argument is needed", "Usage: /upgrade [TARGET] REV");
            demo.type("/nonsense");
            demo.await("Unknown command /nonsense. /help lists the commands.");

            demo.type("\\quit");
            demo.await("migrabot demo: stopped its PostgreSQL and removed " + root);
            assertThat(demo.awaitExit()).isZero();
            assertThat(demo.screen()).doesNotContain("Exception", "\tat ", "ERROR", "WARN");
            assertNothingLeft(root, port);
        }
    }

    /** Without a pg_dump for the server, the first screen says so in one line, and the upgrade takes no backup. */
    @Test
    void withoutPgDumpTheFirstScreenSaysHowToGetOneAndTheUpgradeRunsWithoutABackup() throws Exception {
        Path none = Files.createDirectories(temporary.resolve("no-tools"));
        try (DemoSession demo = DemoSession.start(temporary, Map.of(DumpTools.VARIABLE, none.toString()))) {
            demo.await("alice> ");
            assertThat(demo.screen().lines().filter(line -> line.contains("pg_dump")).toList()).containsExactly(
                    "Backups: none, as no pg_dump " + SERVER_MAJOR + " or newer was found (in " + DumpTools.VARIABLE
                            + "=" + none + "); install postgresql-client " + SERVER_MAJOR + " or newer, or set "
                            + DumpTools.VARIABLE + " to the folder of its pg_dump and pg_restore.");
            demo.type("/upgrade shop heads");
            demo.await("backup first: no (not in this target's backup policy)", "[1] ✅ Approve");
            demo.type("\\as bob");
            demo.await("bob> ");
            demo.type("1");
            demo.await("✅ upgrade done: 0002_orders → update_mission_icon_size, leaderboard_rewards");
            demo.type("\\quit");
            assertThat(demo.awaitExit()).isZero();
            assertThat(demo.screen()).doesNotContain("💾", "\tat ");
        }
    }

    @Test
    void sigtermWhileAnExaminationRunsStopsTheServerAndRemovesEverything() throws Exception {
        try (DemoSession demo = DemoSession.start(temporary, Map.of())) {
            demo.await("alice> ");
            Path root = Path.of(demo.find("its files in (\\S+)"));
            int port = Integer.parseInt(demo.find("127\\.0\\.0\\.1:(\\d+)"));
            demo.type("/doctor billing");
            demo.await("examining billing");
            demo.terminate();
            demo.await("migrabot demo: stopped its PostgreSQL and removed " + root);
            assertThat(demo.awaitExit()).isEqualTo(143);
            assertThat(demo.screen()).doesNotContain("\tat ", "ERROR", "WARN");
            assertNothingLeft(root, port);
        }
    }

    @Test
    void theEndOfInputLeavesAsQuitDoes() throws Exception {
        try (DemoSession demo = DemoSession.start(temporary, Map.of())) {
            demo.await("alice> ");
            Path root = Path.of(demo.find("its files in (\\S+)"));
            int port = Integer.parseInt(demo.find("127\\.0\\.0\\.1:(\\d+)"));
            demo.endInput();
            demo.await("migrabot demo: stopped its PostgreSQL and removed " + root);
            assertThat(demo.awaitExit()).isZero();
            assertNothingLeft(root, port);
        }
    }

    @Test
    void asRootWhereNoUserNamespaceIsAllowedItSaysToRunAsAnOrdinaryUser() throws Exception {
        assumeThat(System.getProperty("user.name")).as("only root meets PostgreSQL's refusal").isEqualTo("root");
        // an unshare that fails, as in a container that allows no user namespaces; sh for zonky's probe
        Path bin = Files.createDirectories(temporary.resolve("bin"));
        Files.writeString(bin.resolve("unshare"), "#!/bin/sh\necho 'unshare: unshare failed: Operation not "
                + "permitted' >&2\nexit 1\n");
        Files.setPosixFilePermissions(bin.resolve("unshare"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(bin.resolve("sh"), Path.of("/bin/sh"));
        try (DemoSession demo = DemoSession.start(temporary, Map.of("PATH", bin.toString()))) {
            assertThat(demo.awaitExit()).isEqualTo(1);
            assertThat(demo.screen()).contains("migrabot: the embedded PostgreSQL cannot start: PostgreSQL refuses "
                    + "to run as root", "Run migrabot demo as an ordinary user.", "migrabot demo: removed ")
                    .doesNotContain("\tat ", "stopped its PostgreSQL");
        }
        try (Stream<Path> left = Files.list(temporary)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("bin", BINARY_CACHE);
        }
    }

    @Test
    void aFilesFolderThatIsAFileIsRefusedBeforeAnythingIsMade() throws Exception {
        Path file = Files.writeString(temporary.resolve("notes.txt"), "mine");
        try (DemoSession demo = DemoSession.start(temporary, Map.of(), "--files", file.toString())) {
            assertThat(demo.awaitExit()).isEqualTo(2);
            assertThat(demo.screen()).isEqualTo("migrabot: --files " + file + ": a file, not a folder\n");
        }
        try (Stream<Path> left = Files.list(temporary)) {
            assertThat(left).containsExactly(file);
        }
    }

    private void assertNothingLeft(Path root, int port) throws IOException {
        assertThat(root).doesNotExist();
        try (Stream<Path> left = Files.list(temporary)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly(BINARY_CACHE);
        }
        List<String> servers = ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(root.toString())).toList();
        assertThat(servers).as("processes of the demo").isEmpty();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }
}

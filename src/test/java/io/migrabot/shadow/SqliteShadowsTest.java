package io.migrabot.shadow;

import io.migrabot.config.TargetConfig;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A SQLite shadow leaves no file behind, whatever journal mode its migrations chose. */
class SqliteShadowsTest {
    @TempDir
    Path dir;

    @Test
    void aShadowSwitchedToWalModeLeavesNoFileBehind() throws Exception {
        Path target = dir.resolve("app.db");
        Files.createFile(target);
        TargetConfig config = Targets.config("app", "jdbc:sqlite:" + target, "", "");
        Shadow shadow = new SqliteShadows().create(config);
        Path file = Path.of(System.getProperty("java.io.tmpdir"), shadow.name());
        // a connection still open when the shadow goes (a reader the migration left) keeps the WAL files on disk
        try (Connection open = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = open.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE t (id integer)");
            s.execute("INSERT INTO t VALUES (1)");
            assertThat(siblings(file)).hasSizeGreaterThan(1);
            shadow.close();
            assertThat(siblings(file)).isEmpty();
        }
    }

    private static List<Path> siblings(Path file) throws Exception {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith(file.getFileName().toString())).toList();
        }
    }
}

package io.migrabot.runner;

import io.migrabot.Main;
import io.migrabot.testing.SqlRevisions;
import io.migrabot.testing.Sqlite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How revisions on a SQLite file are committed: a batch's write transaction ends once it has lasted about a quarter
 * of a second, not after a number of revisions. Commits are counted by the file change counter (bytes 24-27 of the
 * header), which SQLite increments at every write transaction it commits to a file outside WAL mode.
 */
class SqliteBatchesTest {
    @TempDir
    Path dir;

    @Test
    void revisionsThatAllRunWithinTheTimeCommitOnce() throws Exception {
        Path sql = revisions(50, "CREATE TABLE t_%d (id integer PRIMARY KEY, name text);");
        Path file = Sqlite.create(dir.resolve("bot.db"), "CREATE TABLE app (x integer)");
        int before = changeCounter(file);

        upgrade(sql, file);

        assertThat(changeCounter(file) - before).isEqualTo(1);
        assertThat(Sqlite.rows(file, "SELECT version_num FROM alembic_version")).containsExactly("r50");
    }

    @Test
    void aLongerRunCommitsAsItGoesSoTheApplicationsWritesNeverWaitForAllOfIt() throws Exception {
        // each revision writes 400,000 rows: about 0.2 s here, and over 0.06 s on a machine three times as fast
        Path sql = revisions(8, "CREATE TABLE t_%d AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
                + "WHERE x < 400000) SELECT x FROM n;");
        Path file = Sqlite.create(dir.resolve("bot.db"), "CREATE TABLE app (x integer)");
        int before = changeCounter(file);

        upgrade(sql, file);

        assertThat(changeCounter(file) - before).isBetween(2, 8);
        assertThat(Sqlite.rows(file, "SELECT count(*) FROM t_8")).containsExactly("400000");
        assertThat(Sqlite.rows(file, "SELECT version_num FROM alembic_version")).containsExactly("r8");
    }

    private Path revisions(int n, String upFormat) {
        Path sql = dir.resolve("sql");
        for (int i = 1; i <= n; i++) {
            SqlRevisions.write(sql, "r" + i, i == 1 ? "" : "r" + (i - 1), upFormat.formatted(i));
        }
        return sql;
    }

    private static void upgrade(Path sql, Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[]{"upgrade", "head", "--dir", sql.toString(), "--url", Sqlite.url(file)},
                new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(out + " " + err).isZero();
    }

    private static int changeCounter(Path file) throws IOException {
        try (RandomAccessFile header = new RandomAccessFile(file.toFile(), "r")) {
            header.seek(24);
            return header.readInt();
        }
    }
}

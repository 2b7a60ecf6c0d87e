package io.migrabot.script;

import io.migrabot.revision.Problem;
import io.migrabot.revision.Revision;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlMigrationReaderTest {
    private static final String FILE = "migrations/0002_users.sql";

    private static SqlMigrationReader.Result read(String text) {
        return new SqlMigrationReader().read(FILE, text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> problems(String text) {
        return read(text).problems().stream().map(p -> p.location() + ": " + p.message()).toList();
    }

    @Test
    void readsHeaderAndBothSections() {
        SqlMigration m = read("""
                -- revision: 0002_users
                -- down_revision: 0001_init
                -- branch_labels: core
                -- depends_on: billing@head, 0000_ext
                -- message: create the users table
                -- migrate:up
                CREATE TABLE users (id bigserial PRIMARY KEY);
                CREATE INDEX users_id ON users (id);
                -- migrate:down
                DROP TABLE users;
                """).migration().orElseThrow();
        Revision r = m.revision();
        assertThat(r.id()).isEqualTo("0002_users");
        assertThat(r.downRevisions()).containsExactly("0001_init");
        assertThat(r.branchLabels()).containsExactly("core");
        assertThat(r.dependsOn()).containsExactly("billing@head", "0000_ext");
        assertThat(r.doc()).isEqualTo("create the users table");
        assertThat(r.path()).isEqualTo(FILE);
        assertThat(m.up()).extracting(SqlStatements.Statement::line).containsExactly(7, 8);
        assertThat(m.down().orElseThrow()).extracting(SqlStatements.Statement::sql).containsExactly("DROP TABLE users");
        assertThat(m.transactional()).isTrue();
    }

    @Test
    void emptyDownRevisionIsABaseAndCommasMakeAMerge() {
        assertThat(read("-- revision: a\n-- down_revision:\n-- migrate:up\nSELECT 1;\n").migration().orElseThrow()
                .revision().isBase()).isTrue();
        assertThat(read("-- revision: m\n-- down_revision: a, b\n-- migrate:up\n").migration().orElseThrow()
                .revision().downRevisions()).containsExactly("a", "b");
    }

    @Test
    void transactionalFalseRunsOutsideATransactionAndMissingDownMeansNoDowngrade() {
        SqlMigration m = read("-- revision: i\n-- down_revision: a\n-- transactional: false\n-- migrate:up\n"
                + "CREATE INDEX CONCURRENTLY users_email ON users (email);\n").migration().orElseThrow();
        assertThat(m.transactional()).isFalse();
        assertThat(m.down()).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        assertThat(problems("""
                -- revison: typo
                -- message: one
                -- message: two
                SELECT 1;
                -- migrate:down
                -- migrate:up
                -- migrate:up
                """)).containsExactly(
                FILE + ":1: unknown header 'revison'; known: branch_labels, depends_on, down_revision, message, "
                        + "revision, transactional",
                FILE + ":3: 'message' is declared twice (first on line 2)",
                FILE + ":4: SQL before '-- migrate:up'; put statements in the up or down section",
                FILE + ":5: unexpected '-- migrate:down' section; a file has one '-- migrate:up' section, then at "
                        + "most one '-- migrate:down'",
                FILE + ":7: unexpected '-- migrate:up' section; a file has one '-- migrate:up' section, then at most "
                        + "one '-- migrate:down'",
                FILE + ": no '-- revision:' header",
                FILE + ": no '-- down_revision:' header");
    }

    @Test
    void unterminatedStringInASectionNamesItsLineInTheFile() {
        assertThat(problems("-- revision: a\n-- down_revision:\n-- migrate:up\nSELECT 1;\nSELECT 'oops;\n"))
                .containsExactly(FILE + ":5: unterminated string starting on line 5");
    }

    @Test
    void badTransactionalValueAndBinaryContentAreRefused() {
        assertThat(problems("-- revision: a\n-- down_revision:\n-- transactional: maybe\n-- migrate:up\n"))
                .containsExactly(FILE + ":3: 'transactional' must be true or false, not 'maybe'");
        assertThat(new SqlMigrationReader().read(FILE, new byte[]{(byte) 0xff, 0x00}).problems())
                .extracting(Problem::message).containsExactly("the file is not UTF-8 text");
    }
}

package io.migrabot.runner;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.revision.Revision;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.script.SqlStatements.Statement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Alembic 1.8's offline output, as {@code alembic upgrade heads --sql} printed it for a fork (b, c), a merge (m) and
 * an autocommit block in c; {@code AlembicExpectedSchemasTest} checks the same against the real Alembic.
 */
class AlembicOfflineSqlTest {
    private static final RevisionGraph GRAPH = RevisionGraph.of(List.of(rev("a"), rev("b", "a"), rev("c", "a"),
            rev("m", "b", "c")));

    private static Revision rev(String id, String... parents) {
        return new Revision(id, List.of(parents), List.of(), List.of(), id, "versions/" + id + ".py");
    }

    private static final String ONE_TRANSACTION = """
            BEGIN;

            CREATE TABLE alembic_version (
                version_num VARCHAR(32) NOT NULL,\s
                CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
            );

            -- Running upgrade  -> a

            CREATE TABLE t (
                id SERIAL NOT NULL,\s
                PRIMARY KEY (id)
            );

            INSERT INTO alembic_version (version_num) VALUES ('a') RETURNING alembic_version.version_num;

            -- Running upgrade a -> b

            ALTER TABLE t ADD COLUMN x TEXT;

            UPDATE alembic_version SET version_num='b' WHERE alembic_version.version_num = 'a';

            -- Running upgrade a -> c

            COMMIT;

            CREATE INDEX CONCURRENTLY t_id ON t (id);

            BEGIN;

            INSERT INTO alembic_version (version_num) VALUES ('c') RETURNING alembic_version.version_num;

            -- Running upgrade b, c -> m

            CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;

            DELETE FROM alembic_version WHERE alembic_version.version_num = 'b';

            UPDATE alembic_version SET version_num='m' WHERE alembic_version.version_num = 'c';

            COMMIT;
            """;

    private static List<String> sql(List<Statement> statements) {
        return statements.stream().map(Statement::sql).toList();
    }

    @Test
    void eachRevisionGetsTheStatementsUpToTheNextRunningLineAndTheRestIsThePrologue() {
        UpgradeSql sql = AlembicOfflineSql.parse(ONE_TRANSACTION.lines().toList(), GRAPH, "alembic upgrade heads --sql");
        assertThat(sql(sql.prologue())).hasSize(2).first().isEqualTo("BEGIN");
        assertThat(sql.prologue().get(1).sql()).startsWith("CREATE TABLE alembic_version");
        assertThat(sql(sql.revisions().get("c").statements())).containsExactly("COMMIT",
                "CREATE INDEX CONCURRENTLY t_id ON t (id)", "BEGIN",
                "INSERT INTO alembic_version (version_num) VALUES ('c') RETURNING alembic_version.version_num");
        assertThat(sql(sql.revisions().get("m").statements())).first()
                .isEqualTo("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql");
        assertThat(sql(sql.revisions().get("m").statements())).last().isEqualTo("COMMIT");
        assertThat(sql.revisions().get("b").transactional()).isFalse();
        assertThat(sql.revisions().get("b").locate(sql.revisions().get("b").statements().get(0)))
                .isEqualTo("versions/b.py, in its offline SQL: ALTER TABLE t ADD COLUMN x TEXT");
    }

    @Test
    void withATransactionPerMigrationTheNextBeginStaysWithTheRevisionBefore() {
        String perMigration = ONE_TRANSACTION.replace("\n-- Running upgrade a -> b", "\nCOMMIT;\n\nBEGIN;\n\n"
                + "-- Running upgrade a -> b");
        UpgradeSql sql = AlembicOfflineSql.parse(perMigration.lines().toList(), GRAPH, "alembic upgrade heads --sql");
        assertThat(sql(sql.revisions().get("a").statements())).endsWith("COMMIT", "BEGIN");
        assertThat(sql(sql.revisions().get("b").statements())).startsWith("ALTER TABLE t ADD COLUMN x TEXT");
    }

    @Test
    void outputThatDoesNotRunEveryRevisionOnceIsRefused() {
        String missing = ONE_TRANSACTION.substring(0, ONE_TRANSACTION.indexOf("-- Running upgrade b, c -> m"));
        assertThatThrownBy(() -> AlembicOfflineSql.parse(missing.lines().toList(), GRAPH, "alembic upgrade heads --sql"))
                .isInstanceOfSatisfying(MigrabotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALEMBIC))
                .hasMessageContaining("did not run revision m (versions/m.py)");
        String unknown = ONE_TRANSACTION.replace("-> c", "-> c9");
        assertThatThrownBy(() -> AlembicOfflineSql.parse(unknown.lines().toList(), GRAPH, "alembic upgrade heads --sql"))
                .hasMessageContaining("ran revision c9, which migrabot did not find in the revision files");
        String twice = ONE_TRANSACTION.replace("-> c", "-> b");
        assertThatThrownBy(() -> AlembicOfflineSql.parse(twice.lines().toList(), GRAPH, "alembic upgrade heads --sql"))
                .hasMessageContaining("ran revision b twice");
    }
}

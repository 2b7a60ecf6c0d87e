package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.backup.BackupService;
import io.migrabot.database.SchemaIntrospector;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.schema.SchemaCache;
import io.migrabot.schema.SchemaDiff;
import io.migrabot.schema.SchemaModel;
import io.migrabot.schema.TableExclusion;
import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Expected schemas of an Alembic project, from the real Alembic's offline SQL, each compared with a database that
 * the real Alembic upgraded online to the same revision.
 */
class AlembicExpectedSchemasTest {
    private static final TableExclusion EXCLUDED = TableExclusion.of("alembic_version", "migrabot_*");

    @TempDir
    Path dir;
    private AlembicProject project;
    private Postgres.Database db;
    private final RecordingShadows shadows = new RecordingShadows();

    @BeforeEach
    void project() {
        db = Postgres.create("alembic_expected");
        project = AlembicProject.createOnline(dir);
        project.revision("a1", List.of(), "op.create_table('account', sa.Column('id', sa.Integer, primary_key=True), "
                + "sa.Column('email', sa.Text, nullable=False))", "pass");
        project.revision("b2", List.of("a1"), "op.add_column('account', sa.Column('name', sa.Text))", "pass");
        // CREATE INDEX CONCURRENTLY fails inside a transaction: the replay must follow the autocommit block.
        project.revision("c3", List.of("a1"), "op.add_column('account', sa.Column('score', sa.Integer, "
                + "server_default='0'))\n    with op.get_context().autocommit_block():\n"
                + "        op.execute('CREATE INDEX CONCURRENTLY account_email ON account (email)')", "pass");
        project.revision("m4", List.of("b2", "c3"), "op.create_table('audit', sa.Column('id', sa.Integer, "
                + "sa.ForeignKey('account.id')), sa.Column('mood', sa.Enum('ok', 'bad', name='mood')))", "pass");
        project.revision("d5", List.of("a1"), "op.execute('CREATE VIEW emails AS SELECT id, email FROM account')",
                "pass");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private Target target(Postgres.Database database) {
        return Target.open(Targets.alembic(database, project));
    }

    /** The schema of a fresh database that {@code alembic upgrade destination} upgraded. */
    private SchemaModel upgradedTo(String destination) {
        try (Postgres.Database real = Postgres.create("alembic_expected_real")) {
            Target target = target(real);
            new Upgrade(target, new BackupService(Clock.systemUTC())).run(destination, "test", Progress.Listener.NONE,
                    new Cancellation());
            return new SchemaIntrospector(target.database()).read(EXCLUDED);
        }
    }

    @Test
    void everyRevisionsExpectedSchemaIsWhatTheRealAlembicMakesOfIt() throws Exception {
        Map<String, SchemaModel> all = new ExpectedSchemas(SchemaCache.inMemory(), shadows).all(target(db),
                Progress.Listener.NONE);
        assertThat(all.keySet()).containsExactly("a1", "b2", "c3", "d5", "m4");
        for (String revision : all.keySet()) {
            assertThat(SchemaDiff.between(all.get(revision), upgradedTo(revision)).lines())
                    .as("expected schema of %s against a database alembic upgraded to it", revision).isEmpty();
        }
        assertThat(all.get("c3").indexes()).extracting(i -> i.name().name()).contains("account_email");
        assertThat(all.get("b2").tables()).singleElement().satisfies(t ->
                assertThat(t.columns()).extracting(c -> c.name()).containsExactly("id", "email", "name"));
        assertThat(shadows.leftOver(db)).isEmpty();
    }

    @Test
    void aTransactionPerMigrationGivesTheSameSchemas() throws Exception {
        Map<String, SchemaModel> oneTransaction = new ExpectedSchemas(SchemaCache.inMemory(), shadows)
                .all(target(db), Progress.Listener.NONE);
        Path env = project.root().resolve("migrations/env.py");
        String perMigration = Files.readString(env).replace("literal_binds=True)",
                "literal_binds=True, transaction_per_migration=True)");
        assertThat(perMigration).contains("transaction_per_migration=True");
        Files.writeString(env, perMigration);
        assertThat(target(db).scripts().upgradeSql().revisions().get("a1").statements())
                .extracting(s -> s.sql()).endsWith("COMMIT", "BEGIN");

        Map<String, SchemaModel> each = new ExpectedSchemas(SchemaCache.inMemory(), shadows).all(target(db),
                Progress.Listener.NONE);
        for (String revision : oneTransaction.keySet()) {
            assertThat(SchemaDiff.between(oneTransaction.get(revision), each.get(revision)).lines())
                    .as("revision %s", revision).isEmpty();
        }
        assertThat(shadows.leftOver(db)).isEmpty();
    }

    @Test
    void twoHeadsAreWhatAlembicUpgradeHeadsMakes() throws Exception {
        SchemaModel heads = new ExpectedSchemas(SchemaCache.inMemory(), shadows).at(target(db), List.of("m4", "d5"));
        assertThat(SchemaDiff.between(heads, upgradedTo("heads")).lines()).isEmpty();
        assertThat(heads.views()).extracting(v -> v.name().name()).containsExactly("emails");
        assertThat(shadows.created()).hasSize(1);
        assertThat(shadows.leftOver(db)).isEmpty();
    }

    @Test
    void aMigrationThatReadsTheDatabaseCannotRunOfflineAndSaysSo() {
        project.revision("e6", List.of("m4"), "n = op.get_bind().execute(sa.text('SELECT count(*) FROM account'))"
                + ".scalar()\n    op.execute('SELECT %d' % n)", "pass");
        assertThatThrownBy(() -> new ExpectedSchemas(SchemaCache.inMemory(), shadows).all(target(db),
                Progress.Listener.NONE))
                .isInstanceOfSatisfying(MigrabotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALEMBIC))
                .hasMessageContaining("alembic upgrade heads --sql exited with status 1")
                .hasMessageContaining("'NoneType' object has no attribute 'scalar'")
                .hasMessageContaining("make `alembic upgrade heads --sql` work for this project");
        assertThat(shadows.created()).isEmpty();
    }
}

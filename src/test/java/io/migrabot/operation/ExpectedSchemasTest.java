package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.backup.BackupService;
import io.migrabot.config.BackupPolicy;
import io.migrabot.config.DatabaseConnection;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.Secret;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.SchemaIntrospector;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.schema.SchemaCache;
import io.migrabot.schema.SchemaDiff;
import io.migrabot.schema.SchemaModel;
import io.migrabot.schema.TableExclusion;
import io.migrabot.state.SchemaCacheTable;
import io.migrabot.state.StateDatabase;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Expected schemas of a native SQL project with a fork, a merge and a second head, each compared with a database
 * really upgraded to the same revision by the native runner, on a real PostgreSQL.
 */
class ExpectedSchemasTest {
    private static final TableExclusion EXCLUDED = TableExclusion.of("alembic_version", "migrabot_*");

    @TempDir
    Path dir;
    private Path sql;
    private Postgres.Database db;
    private final RecordingShadows shadows = new RecordingShadows();

    @BeforeEach
    void project() throws Exception {
        db = Postgres.create("expected");
        sql = Files.createDirectories(dir.resolve("sql"));
        // Both branches add a column to account: the merge's column order depends on the order they ran in.
        revision("r1", "", "", "CREATE TABLE account (id bigserial PRIMARY KEY, email text NOT NULL);\n"
                + "CREATE TYPE mood AS ENUM ('ok', 'bad');");
        revision("r2", "r1", "", "ALTER TABLE account ADD COLUMN name text;");
        revision("r3", "r1", "", "ALTER TABLE account ADD COLUMN mood mood DEFAULT 'ok';");
        revision("r4", "r3", "-- transactional: false\n",
                "CREATE INDEX CONCURRENTLY account_email ON account (email);");
        revision("m5", "r2, r4", "", "CREATE TABLE audit (id int REFERENCES account (id), note text);");
        revision("t6", "m5", "", "CREATE VIEW account_names AS SELECT id, name FROM account;");
        revision("x7", "", "-- depends_on: r2\n", "CREATE SCHEMA extra;\nCREATE TABLE extra.items (id int);");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private void revision(String id, String parents, String header, String up) throws Exception {
        Files.writeString(sql.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + parents + "\n"
                + header + "-- migrate:up\n" + up + "\n");
    }

    private TargetConfig config(Postgres.Database database) {
        return config(database, null);
    }

    private TargetConfig config(Postgres.Database database, String versionTableSchema) {
        TargetConfig base = Targets.config(database);
        return new TargetConfig(base.name(), base.url(), base.user(), base.password(), base.environment(),
                new MigrationsSource.Sql(sql), "alembic_version", versionTableSchema,
                new BackupPolicy(dir.resolve("backups"), Set.of(), 5, Duration.ofDays(30), null));
    }

    private Target target() {
        return Target.open(config(db));
    }

    /** The schema of a fresh database really upgraded to {@code destination}. */
    private SchemaModel upgradedTo(String destination) {
        try (Postgres.Database real = Postgres.create("expected_real")) {
            Target target = Target.open(config(real));
            new Upgrade(target, new BackupService(Clock.systemUTC())).run(destination, "test", Progress.Listener.NONE,
                    new Cancellation());
            return new SchemaIntrospector(target.database()).read(EXCLUDED);
        }
    }

    @Test
    void everyRevisionsExpectedSchemaIsTheSchemaOfADatabaseUpgradedToIt() throws Exception {
        List<Progress> progress = new ArrayList<>();
        Map<String, SchemaModel> all = new ExpectedSchemas(SchemaCache.inMemory(), shadows).all(target(),
                progress::add);
        assertThat(all.keySet()).containsExactly("m5", "r1", "r2", "r3", "r4", "t6", "x7");
        for (String revision : all.keySet()) {
            assertThat(SchemaDiff.between(all.get(revision), upgradedTo(revision)).lines())
                    .as("expected schema of %s against a database upgraded to it", revision).isEmpty();
        }
        assertThat(all.get("r4").tables()).singleElement().satisfies(t ->
                assertThat(t.columns()).extracting(c -> c.name()).containsExactly("id", "email", "mood"));
        assertThat(progress).extracting(Progress::step).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(progress).allSatisfy(p -> assertThat(p.total()).isEqualTo(7));
        // The walk to the newest head shows most; the branch its merge ran second, and a dependency, need their own.
        assertThat(shadows.created()).hasSizeLessThan(all.size());
        assertThat(shadows.leftOver(db)).isEmpty();
    }

    @Test
    void severalHeadsAreTheSchemaOfADatabaseUpgradedToAllOfThem() throws Exception {
        SchemaModel both = new ExpectedSchemas(SchemaCache.inMemory(), shadows).at(target(), List.of("x7", "t6"));
        assertThat(SchemaDiff.between(both, upgradedTo("heads")).lines()).isEmpty();
        assertThat(both.tables()).extracting(t -> t.name().toString()).contains("public.audit", "extra.items");
        assertThat(shadows.created()).hasSize(1);
        assertThat(shadows.leftOver(db)).isEmpty();
    }

    @Test
    void baseIsAnEmptyDatabase() throws Exception {
        SchemaModel base = new ExpectedSchemas(SchemaCache.inMemory(), shadows).at(target(), List.of());
        try (Postgres.Database empty = Postgres.create("expected_empty")) {
            SchemaModel fresh = new SchemaIntrospector(Target.open(config(empty)).database()).read(EXCLUDED);
            assertThat(SchemaDiff.between(base, fresh).lines()).isEmpty();
        }
        assertThat(base.tables()).isEmpty();
    }

    @Test
    void theVersionTablesOwnSchemaIsExpectedAsItMustExistBeforeTheFirstUpgrade() throws Exception {
        SchemaModel expected = new ExpectedSchemas(SchemaCache.inMemory(), shadows)
                .at(Target.open(config(db, "ops")), List.of("r2"));
        try (Postgres.Database real = Postgres.create("expected_real")) {
            try (Connection c = real.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA ops");
            }
            Target target = Target.open(config(real, "ops"));
            new Upgrade(target, new BackupService(Clock.systemUTC())).run("r2", "test", Progress.Listener.NONE,
                    new Cancellation());
            SchemaModel actual = new SchemaIntrospector(target.database()).read(TableExclusion.of(
                    "ops.alembic_version", "migrabot_*"));
            assertThat(SchemaDiff.between(expected, actual).lines()).isEmpty();
        }
        assertThat(expected.schemas()).contains("ops");
    }

    @Test
    void aRevisionThatFailsIsNamedWithItsLineAndTheShadowIsDroppedAnyway() throws Exception {
        revision("t6", "m5", "", "CREATE VIEW account_names AS\n  SELECT id, nickname FROM account;");
        SchemaCache cache = SchemaCache.inMemory();
        assertThatThrownBy(() -> new ExpectedSchemas(cache, shadows).all(target(), Progress.Listener.NONE))
                .isInstanceOfSatisfying(MigrabotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SHADOW))
                .hasMessageContaining("revision t6 (" + sql.resolve("t6.sql") + ":4)")
                .hasMessageContaining("fails on an empty database (SQLSTATE 42703)")
                .hasMessageContaining("column \"nickname\" does not exist");
        assertThat(shadows.created()).isNotEmpty();
        assertThat(shadows.leftOver(db)).isEmpty();
    }

    @Test
    void aSecondBuildOfTheSameScriptsComesFromTheStateDatabaseWithoutAShadow() throws Exception {
        try (Postgres.Database stateDb = Postgres.create("expected_state");
             StateDatabase state = StateDatabase.open(Targets.config(stateDb).connection(), "test")) {
            Map<String, SchemaModel> first = new ExpectedSchemas(new SchemaCacheTable(state), shadows)
                    .all(target(), Progress.Listener.NONE);
            int built = shadows.created().size();

            RecordingShadows later = new RecordingShadows();
            List<Progress> progress = new ArrayList<>();
            ExpectedSchemas again = new ExpectedSchemas(new SchemaCacheTable(state), later);
            assertThat(again.all(target(), progress::add)).isEqualTo(first);
            assertThat(again.at(target(), List.of("t6"))).isEqualTo(first.get("t6"));
            assertThat(later.created()).isEmpty();
            assertThat(progress).isEmpty();

            // One changed file is other scripts: everything is built again, and the change shows.
            revision("t6", "m5", "", "CREATE VIEW account_names AS SELECT id, email FROM account;");
            Map<String, SchemaModel> changed = again.all(target(), Progress.Listener.NONE);
            assertThat(later.created()).hasSize(built);
            assertThat(changed.get("t6").views()).singleElement().satisfies(v ->
                    assertThat(v.definition()).contains("email"));
            assertThat(changed.get("r1")).isEqualTo(first.get("r1"));
        }
    }

    @Test
    void aTargetWhoseUserMayNotCreateDatabasesIsToldWhatToDoAndAScratchServerHelps() throws Exception {
        String role = "nocreatedb_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN NOCREATEDB");
        }
        try {
            TargetConfig own = config(db);
            TargetConfig limited = new TargetConfig(own.name(), own.url(), role, new Secret(""), own.environment(),
                    own.migrations(), own.versionTable(), own.versionTableSchema(), own.backup());
            assertThatThrownBy(() -> new ExpectedSchemas(SchemaCache.inMemory(), shadows)
                    .all(Target.open(limited), Progress.Listener.NONE))
                    .isInstanceOfSatisfying(MigrabotException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.SHADOW))
                    .hasMessageContaining("user " + role + " may not create databases on " + db.url())
                    .hasMessageContaining("permission denied to create database")
                    .hasMessageContaining("ALTER ROLE " + role + " CREATEDB")
                    .hasMessageContaining("set targets." + own.name() + ".shadow to a scratch server");

            DatabaseConnection scratch = new DatabaseConnection(own.name() + "-shadow",
                    db.url().replace(db.name(), "postgres"), db.user(), new Secret(""));
            TargetConfig withScratch = new TargetConfig(limited.name(), limited.url(), role, limited.password(),
                    limited.environment(), limited.migrations(), limited.versionTable(), null, limited.backup(),
                    Optional.of(scratch));
            Map<String, SchemaModel> all = new ExpectedSchemas(SchemaCache.inMemory(), shadows)
                    .all(Target.open(withScratch), Progress.Listener.NONE);
            assertThat(all).hasSize(7);
            assertThat(shadows.leftOver(db)).isEmpty();
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP ROLE " + role);
            }
        }
    }
}

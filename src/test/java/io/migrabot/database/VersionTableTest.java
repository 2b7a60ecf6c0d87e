package io.migrabot.database;

import io.migrabot.revision.VersionChange;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionTableTest {
    private Postgres.Database db;
    private TargetDatabase target;
    private final VersionTable table = new VersionTable("alembic_version", null);

    @BeforeEach
    void database() {
        db = Postgres.create("vt");
        target = TargetDatabase.of(Targets.config("test", db.url(), db.user(), ""));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void aDatabaseWithoutTheTableHasNoVersion() {
        assertThat(target.withHandle("reading", table::read)).isEmpty();
    }

    @Test
    void createsTheTableAsAlembicDoesAndAppliesChanges() {
        target.inTransaction("stamping", h -> {
            table.create(h);
            table.apply(h, List.of(new VersionChange.Insert("a1"), new VersionChange.Insert("b1"),
                    new VersionChange.Update("a1", "a2"), new VersionChange.Delete("b1")));
            return null;
        });
        assertThat(target.withHandle("reading", table::read)).contains(List.of("a2"));
        String definition = target.<String>withHandle("inspecting", h -> h.createQuery(
                "SELECT format_type(atttypid, atttypmod) || CASE WHEN attnotnull THEN ' not null' ELSE '' END "
                        + "FROM pg_attribute WHERE attrelid = 'alembic_version'::regclass AND attname = 'version_num'")
                .mapTo(String.class).one());
        assertThat(definition).isEqualTo("character varying(32) not null");
        String primaryKey = target.withHandle("inspecting", h -> h.createQuery(
                "SELECT conname FROM pg_constraint WHERE conrelid = 'alembic_version'::regclass AND contype = 'p'")
                .mapTo(String.class).one());
        assertThat(primaryKey).isEqualTo("alembic_version_pkc");
    }

    @Test
    void aChangeThatMatchesNoRowIsRefusedAndRolledBack() {
        target.withHandle("creating", h -> {
            table.create(h);
            return null;
        });
        assertThatThrownBy(() -> target.inTransaction("stamping", h -> {
            table.apply(h, List.of(new VersionChange.Insert("x1"), new VersionChange.Update("nope", "x2")));
            return null;
        })).isInstanceOf(DatabaseException.class).hasMessageContaining("expected one row to change");
        assertThat(target.withHandle("reading", table::read)).contains(List.of());
    }

    @Test
    void anIdLongerThanTheColumnIsRefusedWithTheReason() {
        assertThatThrownBy(() -> target.inTransaction("stamping", h -> {
            table.create(h);
            table.apply(h, List.of(new VersionChange.Insert("004_rename_knowledge_chunks_metadata")));
            return null;
        })).hasMessageContaining("has 36 characters").hasMessageContaining("holds at most 32");
    }

    @Test
    void duplicateRowsAreReportedAsACorruptTable() {
        target.withHandle("breaking", h -> h.execute("CREATE TABLE alembic_version (version_num varchar(32))"));
        target.withHandle("breaking", h -> h.execute("INSERT INTO alembic_version VALUES ('a'), ('a')"));
        assertThatThrownBy(() -> target.withHandle("reading", table::read))
                .hasMessageContaining("the version table alembic_version records a twice")
                .hasMessageContaining("stamp --purge");
    }

    @Test
    void aTableWithoutVersionNumColumnIsReportedWithSqlState() {
        target.withHandle("breaking", h -> h.execute("CREATE TABLE alembic_version (v text)"));
        assertThatThrownBy(() -> target.withHandle("reading the version", table::read))
                .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.sqlState()).isEqualTo("42703"))
                .hasMessageContaining("reading the version failed");
    }

    @Test
    void unreachableServerAndWrongPasswordAreClearAndNeverShowThePassword() {
        TargetDatabase down = TargetDatabase.of(Targets.config("down", "jdbc:postgresql://127.0.0.1:1/x", "u", "hunter2"));
        assertThatThrownBy(() -> down.withHandle("reading the version", table::read))
                .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.code())
                        .isEqualTo(io.migrabot.ErrorCode.DATABASE_UNREACHABLE))
                .hasMessageContaining("target down (jdbc:postgresql://127.0.0.1:1/x) cannot be reached")
                .hasMessageNotContaining("hunter2");
        TargetDatabase missing = TargetDatabase.of(Targets.config("gone", db.url() + "_missing", db.user(), ""));
        assertThatThrownBy(() -> missing.withHandle("reading", table::read))
                .hasMessageContaining("cannot be reached").hasMessageContaining("database name");
    }

    @Test
    void identifiersAreCheckedBeforeTheyReachSql() {
        assertThatThrownBy(() -> new VersionTable("v; DROP TABLE x", null))
                .hasMessageContaining("must be plain identifiers");
        assertThat(new VersionTable("versions", "ops").qualifiedName()).isEqualTo("\"ops\".\"versions\"");
        assertThat(Optional.of(table.statement(new VersionChange.Update("a", "b"))))
                .contains("UPDATE \"alembic_version\" SET version_num='b' WHERE version_num = 'a'");
    }
}

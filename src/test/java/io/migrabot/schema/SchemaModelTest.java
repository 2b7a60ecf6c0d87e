package io.migrabot.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.migrabot.schema.Models.col;
import static io.migrabot.schema.Models.model;
import static io.migrabot.schema.Models.name;
import static io.migrabot.schema.Models.serial;
import static io.migrabot.schema.Models.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaModelTest {

    @Test
    void listsAreKeptInCanonicalOrderButColumnsAndLabelsKeepTheirs() {
        SchemaModel model = model().schema("zoo").schema("app")
                .table(table("public.b", col("z", "text"), col("a", "text"))).table(table("app.z", col("id", "int")))
                .enumType("public.mood", "sad", "happy", "ok").build();
        assertThat(model.schemas()).containsExactly("app", "public", "zoo");
        assertThat(model.tables()).extracting(t -> t.name().toString()).containsExactly("app.z", "public.b");
        assertThat(model.tables().get(1).columns()).extracting(Column::name).containsExactly("z", "a");
        assertThat(model.enums().get(0).labels()).containsExactly("sad", "happy", "ok");
    }

    @Test
    void excludingATableTakesItsIndexesAndOwnedSequencesWithIt() {
        SchemaModel model = model()
                .table(table("public.alembic_version", col("version_num", "character varying(32)")))
                .table(table("public.migrabot_audit", col("id", "bigint")))
                .sequence(serial("public.migrabot_audit_id_seq", "public.migrabot_audit", "id"))
                .index("public.migrabot_audit_at", "public.migrabot_audit", "CREATE INDEX migrabot_audit_at …")
                .table(table("public.users", col("id", "bigint")))
                .sequence(serial("public.users_id_seq", "public.users", "id"))
                .index("public.users_id", "public.users", "CREATE INDEX users_id …")
                .view("public.migrabot_pending", "SELECT 1").view("public.active_users", "SELECT 1").build();
        SchemaModel kept = model.excluding(TableExclusion.of("alembic_version", "migrabot_*"));
        assertThat(kept).isEqualTo(model().table(table("public.users", col("id", "bigint")))
                .sequence(serial("public.users_id_seq", "public.users", "id"))
                .index("public.users_id", "public.users", "CREATE INDEX users_id …")
                .view("public.active_users", "SELECT 1").build());
    }

    @Test
    void exclusionPatternsMatchTheBareOrTheQualifiedNameExactly() {
        TableExclusion exclusion = TableExclusion.of("alembic_version", "ops.jobs", "tmp_*_old", "Mixed*");
        assertThat(exclusion).accepts(name("public.alembic_version"), name("ops.alembic_version"), name("ops.jobs"),
                name("public.tmp_users_old"), name("public.tmp__old"), name("public.Mixed Case"));
        assertThat(exclusion).rejects(name("public.alembic_versions"), name("public.jobs"), name("other.jobs"),
                name("public.tmp_users_older"), name("public.mixed case"), name("public.x.y"));
        assertThat(TableExclusion.of("a.b")).accepts(name("a.b")).rejects(name("axb.c"), name("public.axb"));
    }

    @Test
    void namesAreQuotedForDisplayOnlyWhenSqlWouldNeedQuotes() {
        assertThat(name("public.users").toString()).isEqualTo("public.users");
        assertThat(name("public.user_2$").toString()).isEqualTo("public.user_2$");
        assertThat(name("Sales.Mixed Case").toString()).isEqualTo("\"Sales\".\"Mixed Case\"");
        assertThat(name("public.a.b").toString()).isEqualTo("public.\"a.b\"");
        assertThat(name("public.say \"hi\"").toString()).isEqualTo("public.\"say \"\"hi\"\"\"");
        assertThat(name("public.1st").toString()).isEqualTo("public.\"1st\"");
        assertThat(new ColumnRef(name("public.T"), "select").toString()).isEqualTo("public.\"T\".select");
    }

    @Test
    void aConstraintMustHaveAConstraintKind() {
        assertThatThrownBy(() -> new Constraint("c", ObjectKind.INDEX, "x"))
                .hasMessageContaining("INDEX is not a kind of constraint");
        assertThat(List.of(ObjectKind.values())).filteredOn(ObjectKind::isConstraint).containsExactly(
                ObjectKind.PRIMARY_KEY, ObjectKind.FOREIGN_KEY, ObjectKind.UNIQUE, ObjectKind.CHECK,
                ObjectKind.EXCLUSION);
    }
}

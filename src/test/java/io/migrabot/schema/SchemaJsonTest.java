package io.migrabot.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.migrabot.schema.Models.col;
import static io.migrabot.schema.Models.constraint;
import static io.migrabot.schema.Models.model;
import static io.migrabot.schema.Models.name;
import static io.migrabot.schema.Models.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaJsonTest {
    /** Every kind of object and every optional value, with names and text that need escaping. */
    private static SchemaModel everything() {
        return model().schema("Sales Dept").extension("citext", "1.6")
                .enumType("Sales Dept.mood", "sad", "it's ok", "😀")
                .sequence(new Sequence(name("public.n"), "integer", 5, -1, -100, 5, 20, true, null))
                .sequence(new Sequence(name("public.t_id_seq"), "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false,
                        new ColumnRef(name("public.t"), "id")))
                .table(table("public.t", List.of(new Column("id", "bigint", true, null, "by default", null),
                                new Column("a", "numeric", false, "0", null, null),
                                new Column("b", "numeric", false, null, null, "(a * 2)"),
                                col("select", "\"Sales Dept\".mood")),
                        constraint(ObjectKind.PRIMARY_KEY, "t_pkey", "PRIMARY KEY (id)"),
                        constraint(ObjectKind.CHECK, "t_a_check", "CHECK (a <> 'x\\ny'::text)")))
                .index("public.t_a", "public.t", "CREATE INDEX t_a ON public.t USING btree (a)")
                .view("public.v", " SELECT t.a\n   FROM public.t;")
                .materializedView("public.m", " SELECT 1;").build();
    }

    @Test
    void aModelReadsBackEqual() {
        SchemaModel model = everything();
        String json = SchemaJson.write(model);
        assertThat(SchemaJson.read(json)).contains(model);
        assertThat(SchemaJson.write(SchemaJson.read(json).orElseThrow())).isEqualTo(json);
    }

    @Test
    void theCanonicalFormAndItsFingerprintDoNotChangeUnnoticed() {
        SchemaModel model = model().table(table("public.t", List.of(new Column("id", "bigint", true, null,
                "always", null)), constraint(ObjectKind.PRIMARY_KEY, "t_pkey", "PRIMARY KEY (id)"))).build();
        // A change here invalidates every stored model and fingerprint: bump SchemaJson.FORMAT with it.
        assertThat(SchemaJson.write(model)).isEqualTo("{\"format\":1,\"schema\":{\"enums\":[],\"extensions\":"
                + "[{\"name\":\"plpgsql\",\"schema\":\"pg_catalog\",\"version\":\"1.0\"}],\"indexes\":[],"
                + "\"schemas\":[\"public\"],\"sequences\":[],\"tables\":[{\"columns\":[{\"identity\":\"always\","
                + "\"name\":\"id\",\"notNull\":true,\"type\":\"bigint\"}],\"constraints\":[{\"definition\":"
                + "\"PRIMARY KEY (id)\",\"kind\":\"PRIMARY_KEY\",\"name\":\"t_pkey\"}],\"name\":{\"name\":\"t\","
                + "\"schema\":\"public\"}}],\"views\":[]}}");
        assertThat(model.fingerprint()).isEqualTo("426dd1a55e1d494b7fe50c01dd25b0d1f89febbf0a0dc6d6c2582b9895ac5249");
    }

    @Test
    void aModelStoredInAnotherFormatIsAbsent() {
        String json = SchemaJson.write(everything()).replace("{\"format\":1,", "{\"format\":0,");
        assertThat(SchemaJson.read(json)).isEmpty();
    }

    @Test
    void textThatIsNotAStoredModelIsRefused() {
        assertThatThrownBy(() -> SchemaJson.read("not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a stored schema model");
        assertThatThrownBy(() -> SchemaJson.read("{\"tables\":[]}")).hasMessageContaining("no format number");
        assertThatThrownBy(() -> SchemaJson.read(SchemaJson.write(everything()).replace("\"cycle\"", "\"loop\"")))
                .hasMessageContaining("loop");
    }
}

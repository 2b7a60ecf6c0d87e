package io.migrabot.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.migrabot.schema.Models.col;
import static io.migrabot.schema.Models.constraint;
import static io.migrabot.schema.Models.model;
import static io.migrabot.schema.Models.notNull;
import static io.migrabot.schema.Models.serial;
import static io.migrabot.schema.Models.table;
import static io.migrabot.schema.Models.with;
import static io.migrabot.schema.Models.withDefault;
import static io.migrabot.schema.Models.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SchemaDiffTest {
    private static final String MISSING = " missing (expected, not in the database)";
    private static final String UNEXPECTED = " unexpected (in the database, not expected)";

    private static final Column USER_ID = new Column("id", "bigint", true, "nextval('public.users_id_seq'::regclass)",
            null, null);
    private static final Table USERS = table("public.users",
            List.of(USER_ID, notNull("email", "character varying(100)"), withDefault("name", "text", "'x'::text")),
            constraint(ObjectKind.PRIMARY_KEY, "users_pkey", "PRIMARY KEY (id)"),
            constraint(ObjectKind.CHECK, "users_name_check", "CHECK (length(name) > 0)"));
    private static final Table ORDERS = table("public.orders",
            List.of(new Column("id", "bigint", true, "nextval('public.orders_id_seq'::regclass)", null, null),
                    notNull("user_id", "bigint"), col("total", "numeric(12,2)")),
            constraint(ObjectKind.PRIMARY_KEY, "orders_pkey", "PRIMARY KEY (id)"),
            constraint(ObjectKind.FOREIGN_KEY, "orders_user_id_fkey",
                    "FOREIGN KEY (user_id) REFERENCES public.users(id)"));
    private static final String ACTIVE_USERS = " SELECT users.id,\n    users.email\n   FROM public.users\n"
            + "  WHERE users.name IS NOT NULL;";
    private static final Sequence INVOICE_NO = new Sequence(Models.name("public.invoice_no"), "integer", 1, 1, 1,
            Integer.MAX_VALUE, 1, false, null);

    /** A small shop: two tables with serial ids, an index each, an enum, a free sequence, a view, an extension. */
    private static Models.ModelBuilder shop() {
        return model().extension("citext", "1.6").enumType("public.mood", "sad", "ok", "happy")
                .sequence(INVOICE_NO).sequence(serial("public.users_id_seq", "public.users", "id"))
                .sequence(serial("public.orders_id_seq", "public.orders", "id"))
                .table(USERS).table(ORDERS)
                .index("public.users_email_idx", "public.users",
                        "CREATE INDEX users_email_idx ON public.users USING btree (email)")
                .index("public.orders_user_idx", "public.orders",
                        "CREATE INDEX orders_user_idx ON public.orders USING btree (user_id)")
                .view("public.active_users", ACTIVE_USERS);
    }

    static Stream<Arguments> oneChange() {
        return Stream.of(
                change(b -> b.table(with(USERS, col("email", "text"))),
                        "column public.users.email: type character varying(100) → text",
                        "column public.users.email: not null → nullable"),
                change(b -> b.table(with(USERS, notNull("name", "text"))),
                        "column public.users.name: nullable → not null",
                        "column public.users.name: default 'x'::text → (none)"),
                change(b -> b.table(with(USERS, withDefault("name", "text", "'y'::text"))),
                        "column public.users.name: default 'x'::text → 'y'::text"),
                change(b -> b.table(with(USERS, new Column("id", "bigint", true, null, "always", null))),
                        "column public.users.id: default nextval('public.users_id_seq'::regclass) → (none)",
                        "column public.users.id: identity (none) → always"),
                change(b -> b.table(with(USERS, new Column("name", "text", false, null, null, "upper(email)"))),
                        "column public.users.name: default 'x'::text → (none)",
                        "column public.users.name: generated as (none) → upper(email)"),
                change(b -> b.table(without(USERS, "name")), "column public.users.name" + MISSING),
                change(b -> b.table(with(USERS, col("nickname", "text"))), "column public.users.nickname" + UNEXPECTED),
                change(b -> b.table(table("public.users", List.of(USER_ID, withDefault("name", "text", "'x'::text"),
                                notNull("email", "character varying(100)")), USERS.constraints().toArray(Constraint[]::new))),
                        "table public.users: column order id, email, name → id, name, email"),
                change(b -> b.table(with(USERS, constraint(ObjectKind.CHECK, "users_name_check",
                                "CHECK (length(name) > 1)"))),
                        "check constraint public.users.users_name_check: definition CHECK (length(name) > 0) → "
                                + "CHECK (length(name) > 1)"),
                change(b -> b.table(without(ORDERS, "orders_user_id_fkey")),
                        "foreign key public.orders.orders_user_id_fkey" + MISSING),
                change(b -> b.table(with(USERS, constraint(ObjectKind.UNIQUE, "users_email_key", "UNIQUE (email)"))),
                        "unique constraint public.users.users_email_key" + UNEXPECTED),
                change(b -> b.drop("public.users_email_idx"), "index public.users_email_idx" + MISSING),
                change(b -> b.index("public.users_email_idx", "public.users",
                                "CREATE UNIQUE INDEX users_email_idx ON public.users USING btree (email)"),
                        "index public.users_email_idx: definition CREATE INDEX users_email_idx ON public.users USING "
                                + "btree (email) → CREATE UNIQUE INDEX users_email_idx ON public.users USING btree "
                                + "(email)"),
                change(b -> b.enumType("public.mood", "sad", "ok", "happy", "ecstatic"),
                        "enum type public.mood: labels 'sad', 'ok', 'happy' → 'sad', 'ok', 'happy', 'ecstatic'"),
                change(b -> b.drop("public.mood"), "enum type public.mood" + MISSING),
                change(b -> b.sequence(new Sequence(INVOICE_NO.name(), "integer", 1, 10, 1, Integer.MAX_VALUE, 1, true,
                                null)),
                        "sequence public.invoice_no: increment 1 → 10", "sequence public.invoice_no: no cycle → cycle"),
                change(b -> b.view("public.active_users", ACTIVE_USERS.replace("IS NOT NULL", "IS NULL")),
                        "view public.active_users: definition SELECT users.id, users.email FROM public.users WHERE "
                                + "users.name IS NOT NULL; → SELECT users.id, users.email FROM public.users WHERE "
                                + "users.name IS NULL;"),
                change(b -> b.materializedView("public.active_users", ACTIVE_USERS),
                        "view public.active_users: kind view → materialized view"),
                change(b -> b.drop("public.active_users"), "view public.active_users" + MISSING),
                change(b -> b.extension("citext", "1.5"), "extension citext: version 1.6 → 1.5"),
                change(b -> b.extension("pgcrypto", "1.3"), "extension pgcrypto" + UNEXPECTED),
                change(b -> b.schema("audit"), "schema audit" + UNEXPECTED),
                change(b -> b.drop("public"), "schema public" + MISSING),
                // The whole table is one line: its indexes and owned sequence come and go with it.
                change(SchemaDiffTest::withoutOrders, "table public.orders" + MISSING),
                change(b -> b.table(table("public.audit", notNull("id", "bigint")))
                                .sequence(serial("public.audit_id_seq", "public.audit", "id"))
                                .index("public.audit_id", "public.audit", "CREATE INDEX audit_id ON public.audit (id)"),
                        "table public.audit" + UNEXPECTED),
                change(b -> b.table(table("public.Mixed Case", col("select", "text"), col("user", "integer")))
                                .table(table("public.\"Mixed Case\"", col("x", "text"))),
                        "table public.\"\"\"Mixed Case\"\"\"" + UNEXPECTED, "table public.\"Mixed Case\"" + UNEXPECTED));
    }

    /** The shop before its orders table: no table, index or sequence. */
    private static Models.ModelBuilder withoutOrders(Models.ModelBuilder shop) {
        return shop.drop("public.orders").drop("public.orders_user_idx").drop("public.orders_id_seq");
    }

    private static Arguments change(UnaryOperator<Models.ModelBuilder> change, String... lines) {
        return arguments(change.apply(shop()).build(), List.of(lines));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("oneChange")
    void eachChangeReadsAsOneLinePerAttribute(SchemaModel actual, List<String> lines) {
        assertThat(SchemaDiff.between(shop().build(), actual).lines()).containsExactlyElementsOf(lines);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("oneChange")
    void fingerprintsDifferWhenTheDiffIsNotEmpty(SchemaModel actual) {
        assertThat(actual.fingerprint()).isNotEqualTo(shop().build().fingerprint());
    }

    @Test
    void equalModelsHaveNoDifferences() {
        SchemaDiff diff = SchemaDiff.between(shop().build(), shop().build());
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.distance()).isZero();
        assertThat(diff.toString()).isEmpty();
        assertThat(shop().build().fingerprint()).isEqualTo(shop().build().fingerprint());
    }

    @Test
    void differencesAreOrderedByKindThenNameWhateverTheInputOrder() {
        SchemaModel actual = shop().schema("audit").drop("public.users_email_idx").drop("public.mood")
                .table(with(with(USERS, col("email", "text")), col("age", "integer")))
                .table(with(ORDERS, col("note", "text")))
                .view("public.active_users", ACTIVE_USERS.replace("IS NOT NULL", "IS NULL"))
                .table(table("public.zebra", col("id", "bigint"))).table(table("public.aardvark", col("id", "bigint")))
                .build();
        List<String> expectedLines = List.of(
                "schema audit" + UNEXPECTED,
                "enum type public.mood" + MISSING,
                "table public.aardvark" + UNEXPECTED,
                "table public.zebra" + UNEXPECTED,
                "column public.orders.note" + UNEXPECTED,
                "column public.users.age" + UNEXPECTED,
                "column public.users.email: type character varying(100) → text",
                "column public.users.email: not null → nullable",
                "index public.users_email_idx" + MISSING,
                "view public.active_users: definition SELECT users.id, users.email FROM public.users WHERE users.name "
                        + "IS NOT NULL; → SELECT users.id, users.email FROM public.users WHERE users.name IS NULL;");
        assertThat(SchemaDiff.between(shop().build(), actual).lines()).containsExactlyElementsOf(expectedLines);
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            SchemaModel expected = shuffled(shop().build(), random);
            assertThat(SchemaDiff.between(expected, shuffled(actual, random)).lines())
                    .containsExactlyElementsOf(expectedLines);
            assertThat(expected.fingerprint()).isEqualTo(shop().build().fingerprint());
        }
    }

    /** The same model built from lists in another order (columns and labels keep theirs: their order matters). */
    private static SchemaModel shuffled(SchemaModel m, Random random) {
        return new SchemaModel(shuffle(m.schemas(), random), shuffle(m.extensions(), random),
                shuffle(m.enums(), random), shuffle(m.sequences(), random),
                shuffle(m.tables(), random).stream().map(t -> new Table(t.name(), t.columns(),
                        shuffle(t.constraints(), random))).toList(),
                shuffle(m.indexes(), random), shuffle(m.views(), random));
    }

    private static <T> List<T> shuffle(List<T> items, Random random) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }

    @Test
    void aOneSidedRelationWeighsAsMuchAsEverythingItTakesWithIt() {
        SchemaDiff diff = SchemaDiff.between(shop().build(), withoutOrders(shop()).build());
        // orders, its 3 columns, 2 constraints, 1 index and its owned sequence
        assertThat(diff.differences()).singleElement().extracting(Difference::weight).isEqualTo(8);
        assertThat(diff.distance()).isEqualTo(8);
        SchemaDiff view = SchemaDiff.between(shop().build(), shop().materializedView("public.totals", " SELECT 1;")
                .index("public.totals_x", "public.totals", "CREATE INDEX totals_x ON public.totals (x)").build());
        assertThat(view.lines()).containsExactly("materialized view public.totals" + UNEXPECTED);
        assertThat(view.distance()).isEqualTo(2);
    }

    @Test
    void theClosestExpectedSchemaIsTheOneAtTheSmallestDistance() {
        SchemaModel live = shop().table(with(USERS, withDefault("name", "text", "'y'::text"))).build();
        Map<String, SchemaModel> revisions = Map.of(
                "r1 before orders", withoutOrders(shop()).build(),
                "r2 orders", shop().build(),
                "r3 orders.note", shop().table(with(ORDERS, col("note", "text"))).build());
        String closest = revisions.entrySet().stream()
                .min(Comparator.comparingInt(e -> SchemaDiff.between(e.getValue(), live).distance()))
                .orElseThrow().getKey();
        assertThat(closest).isEqualTo("r2 orders");
        assertThat(SchemaDiff.between(revisions.get("r1 before orders"), live).distance()).isEqualTo(9);
        assertThat(SchemaDiff.between(revisions.get("r3 orders.note"), live).distance()).isEqualTo(2);
    }
}

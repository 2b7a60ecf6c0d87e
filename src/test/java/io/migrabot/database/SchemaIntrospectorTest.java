package io.migrabot.database;

import io.migrabot.schema.Column;
import io.migrabot.schema.ColumnRef;
import io.migrabot.schema.ObjectKind;
import io.migrabot.schema.SchemaModel;
import io.migrabot.schema.Sequence;
import io.migrabot.schema.TableExclusion;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.migrabot.schema.Models.col;
import static io.migrabot.schema.Models.constraint;
import static io.migrabot.schema.Models.model;
import static io.migrabot.schema.Models.name;
import static io.migrabot.schema.Models.notNull;
import static io.migrabot.schema.Models.serial;
import static io.migrabot.schema.Models.table;
import static org.assertj.core.api.Assertions.assertThat;

class SchemaIntrospectorTest {
    /** One object of every kind the model holds, and extension objects it must leave out. */
    static final String SHOP = """
            CREATE EXTENSION citext;
            CREATE EXTENSION pg_stat_statements; -- makes views in public that are the extension's
            CREATE SCHEMA shop;
            CREATE TYPE shop.mood AS ENUM ('sad', 'ok', 'happy');
            CREATE SEQUENCE shop.invoice_no AS integer START 1000 INCREMENT 10 MINVALUE 1000 MAXVALUE 999999
                CACHE 5 CYCLE;
            CREATE TABLE shop.customers (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email citext NOT NULL UNIQUE,
                mood shop.mood DEFAULT 'ok',
                name varchar(100),
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE shop.orders (
                id bigserial PRIMARY KEY,
                customer_id bigint NOT NULL REFERENCES shop.customers (id) ON DELETE CASCADE,
                total numeric(12,2) NOT NULL CHECK (total >= 0),
                with_tax numeric GENERATED ALWAYS AS (total * 1.2) STORED,
                period tsrange,
                EXCLUDE USING gist (period WITH &&)
            );
            CREATE INDEX orders_customer_idx ON shop.orders (customer_id);
            CREATE UNIQUE INDEX customers_lower_name ON shop.customers (lower(name)) WHERE name IS NOT NULL;
            CREATE VIEW shop.big_orders AS SELECT id, total FROM shop.orders WHERE total > 100;
            CREATE MATERIALIZED VIEW shop.order_totals AS
                SELECT customer_id, sum(total) AS total FROM shop.orders GROUP BY customer_id;
            CREATE INDEX order_totals_customer ON shop.order_totals (customer_id);
            """;

    private Postgres.Database db;
    private SchemaIntrospector introspector;

    @BeforeEach
    void database() {
        db = Postgres.create("introspect");
        introspector = new SchemaIntrospector(TargetDatabase.of(Targets.config(db)));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    static void run(Postgres.Database db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private SchemaModel read() {
        return introspector.read(name -> false);
    }

    @Test
    void anEmptyDatabaseHasThePublicSchemaAndPlpgsqlOnly() {
        assertThat(read()).isEqualTo(model().build());
    }

    @Test
    void readsEveryKindOfObjectAsPostgresWritesIt() {
        run(db, SHOP);
        SchemaModel expected = model().schema("shop").extension("citext", "1.6").extension("pg_stat_statements", "1.10")
                .enumType("shop.mood", "sad", "ok", "happy")
                .sequence(new Sequence(name("shop.invoice_no"), "integer", 1000, 10, 1000, 999999, 5, true, null))
                .sequence(serial("shop.customers_id_seq", "shop.customers", "id"))
                .sequence(serial("shop.orders_id_seq", "shop.orders", "id"))
                .table(table("shop.customers", List.of(
                                new Column("id", "bigint", true, null, "always", null),
                                notNull("email", "public.citext"),
                                new Column("mood", "shop.mood", false, "'ok'::shop.mood", null, null),
                                col("name", "character varying(100)"),
                                new Column("created_at", "timestamp with time zone", true, "now()", null, null)),
                        constraint(ObjectKind.PRIMARY_KEY, "customers_pkey", "PRIMARY KEY (id)"),
                        constraint(ObjectKind.UNIQUE, "customers_email_key", "UNIQUE (email)")))
                .table(table("shop.orders", List.of(
                                new Column("id", "bigint", true, "nextval('shop.orders_id_seq'::regclass)", null, null),
                                notNull("customer_id", "bigint"),
                                notNull("total", "numeric(12,2)"),
                                new Column("with_tax", "numeric", false, null, null, "(total * 1.2)"),
                                col("period", "tsrange")),
                        constraint(ObjectKind.PRIMARY_KEY, "orders_pkey", "PRIMARY KEY (id)"),
                        constraint(ObjectKind.FOREIGN_KEY, "orders_customer_id_fkey",
                                "FOREIGN KEY (customer_id) REFERENCES shop.customers(id) ON DELETE CASCADE"),
                        constraint(ObjectKind.CHECK, "orders_total_check", "CHECK (total >= 0::numeric)"),
                        constraint(ObjectKind.EXCLUSION, "orders_period_excl", "EXCLUDE USING gist (period WITH &&)")))
                // The indexes behind the primary keys, unique and exclusion constraints are those constraints.
                .index("shop.orders_customer_idx", "shop.orders",
                        "CREATE INDEX orders_customer_idx ON shop.orders USING btree (customer_id)")
                .index("shop.customers_lower_name", "shop.customers", "CREATE UNIQUE INDEX customers_lower_name ON "
                        + "shop.customers USING btree (lower((name)::text)) WHERE (name IS NOT NULL)")
                .index("shop.order_totals_customer", "shop.order_totals",
                        "CREATE INDEX order_totals_customer ON shop.order_totals USING btree (customer_id)")
                .view("shop.big_orders", " SELECT orders.id,\n    orders.total\n   FROM shop.orders\n"
                        + "  WHERE orders.total > 100::numeric;")
                .materializedView("shop.order_totals", " SELECT orders.customer_id,\n    sum(orders.total) AS total\n"
                        + "   FROM shop.orders\n  GROUP BY orders.customer_id;")
                .build();
        assertThat(read()).isEqualTo(expected);
    }

    @Test
    void definitionsDoNotDependOnTheConnectionsSearchPath() {
        run(db, SHOP);
        SchemaModel withDefaultPath = read();
        // With shop on the path, PostgreSQL would write 'ok'::mood and FROM orders, unless told otherwise.
        run(db, "ALTER DATABASE \"" + db.name() + "\" SET search_path = shop, public");
        assertThat(read()).isEqualTo(withDefaultPath);
    }

    @Test
    void namesThatNeedQuotingAreReadAsStored() {
        run(db, """
                CREATE SCHEMA "Sales";
                CREATE TABLE "Sales"."Mixed Case" ("select" integer PRIMARY KEY, "User Name" text);
                CREATE INDEX "Idx ""quoted""\" ON "Sales"."Mixed Case" ("User Name");
                CREATE TABLE public."order" ("user" text CHECK ("user" <> ''));
                """);
        SchemaModel expected = model().schema("Sales")
                .table(table("Sales.Mixed Case", List.of(notNull("select", "integer"), col("User Name", "text")),
                        constraint(ObjectKind.PRIMARY_KEY, "Mixed Case_pkey", "PRIMARY KEY (\"select\")")))
                .table(table("public.order", List.of(col("user", "text")),
                        constraint(ObjectKind.CHECK, "order_user_check", "CHECK (\"user\" <> ''::text)")))
                .index("Sales.Idx \"quoted\"", "Sales.Mixed Case",
                        "CREATE INDEX \"Idx \"\"quoted\"\"\" ON \"Sales\".\"Mixed Case\" USING btree (\"User Name\")")
                .build();
        assertThat(read()).isEqualTo(expected);
    }

    @Test
    void excludedTablesAndWhatTheyOwnAreLeftOut() {
        run(db, """
                CREATE TABLE alembic_version (version_num varchar(32) NOT NULL,
                    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
                CREATE TABLE migrabot_audit (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());
                CREATE INDEX migrabot_audit_at ON migrabot_audit (at DESC);
                CREATE TABLE users (id bigserial PRIMARY KEY);
                """);
        SchemaModel model = introspector.read(TableExclusion.of("alembic_version", "migrabot_*"));
        assertThat(model).isEqualTo(model()
                .table(table("public.users", List.of(new Column("id", "bigint", true,
                        "nextval('public.users_id_seq'::regclass)", null, null)),
                        constraint(ObjectKind.PRIMARY_KEY, "users_pkey", "PRIMARY KEY (id)")))
                .sequence(new Sequence(name("public.users_id_seq"), "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false,
                        new ColumnRef(name("public.users"), "id")))
                .build());
    }

    @Test
    void temporaryTablesOfOtherSessionsAreLeftOut() throws SQLException {
        try (Connection other = db.connect(); Statement s = other.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE scratch (id serial PRIMARY KEY, note text)");
            s.execute("CREATE INDEX scratch_note ON scratch (note)");
            assertThat(read()).isEqualTo(model().build());
        }
    }
}

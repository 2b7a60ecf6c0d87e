package io.migrabot.database;

import io.migrabot.schema.SchemaDiff;
import io.migrabot.schema.SchemaModel;
import io.migrabot.schema.TableExclusion;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.migrabot.database.SchemaIntrospectorTest.SHOP;
import static io.migrabot.database.SchemaIntrospectorTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Two real databases built alike, one of them changed by hand: the drift a person would be shown. */
class SchemaDriftTest {
    private static final TableExclusion EXCLUDED = TableExclusion.of("alembic_version", "migrabot_*");
    private static final String MISSING = " missing (expected, not in the database)";
    private static final String UNEXPECTED = " unexpected (in the database, not expected)";

    private Postgres.Database expectedDb;
    private Postgres.Database actualDb;

    @BeforeEach
    void databases() {
        expectedDb = Postgres.create("expected");
        actualDb = Postgres.create("actual");
        run(expectedDb, SHOP);
        run(actualDb, SHOP);
    }

    @AfterEach
    void drop() {
        expectedDb.close();
        actualDb.close();
    }

    private static SchemaModel read(Postgres.Database db) {
        return new SchemaIntrospector(TargetDatabase.of(Targets.config(db))).read(EXCLUDED);
    }

    private SchemaDiff diff() {
        return SchemaDiff.between(read(expectedDb), read(actualDb));
    }

    @Test
    void databasesBuiltAlikeDoNotDiffer() {
        // Different oids, a different database name, data, and a version table only one of them has.
        run(actualDb, """
                INSERT INTO shop.customers (email) VALUES ('a@example.com');
                CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
                INSERT INTO alembic_version VALUES ('ae1027a6acf');
                """);
        assertThat(diff().lines()).isEmpty();
        assertThat(read(actualDb).fingerprint()).isEqualTo(read(expectedDb).fingerprint());
    }

    @Test
    void handMadeChangesReadAsOneLineEach() {
        run(actualDb, """
                ALTER TABLE shop.customers ALTER COLUMN name TYPE text;
                ALTER TABLE shop.customers ALTER COLUMN created_at SET DEFAULT clock_timestamp();
                DROP INDEX shop.orders_customer_idx;
                CREATE TABLE shop.refunds (id bigserial PRIMARY KEY, order_id bigint REFERENCES shop.orders (id));
                CREATE INDEX refunds_order ON shop.refunds (order_id);
                ALTER TYPE shop.mood ADD VALUE 'ecstatic';
                CREATE OR REPLACE VIEW shop.big_orders AS SELECT id, total FROM shop.orders WHERE total > 1000;
                ALTER TABLE shop.orders DROP CONSTRAINT orders_total_check,
                    ADD CONSTRAINT orders_total_check CHECK (total > 0);
                DROP EXTENSION citext CASCADE;
                """);
        assertThat(diff().lines()).containsExactly(
                "extension citext" + MISSING,
                "enum type shop.mood: labels 'sad', 'ok', 'happy' → 'sad', 'ok', 'happy', 'ecstatic'",
                "table shop.refunds" + UNEXPECTED,
                "column shop.customers.created_at: default now() → clock_timestamp()",
                // CASCADE dropped the column of the extension's type, and the unique constraint on it
                "column shop.customers.email" + MISSING,
                "column shop.customers.name: type character varying(100) → text",
                "unique constraint shop.customers.customers_email_key" + MISSING,
                "check constraint shop.orders.orders_total_check: definition CHECK (total >= 0::numeric) → "
                        + "CHECK (total > 0::numeric)",
                "index shop.customers_lower_name: definition CREATE UNIQUE INDEX customers_lower_name ON "
                        + "shop.customers USING btree (lower((name)::text)) WHERE (name IS NOT NULL) → CREATE UNIQUE "
                        + "INDEX customers_lower_name ON shop.customers USING btree (lower(name)) WHERE (name IS NOT "
                        + "NULL)",
                "index shop.orders_customer_idx" + MISSING,
                "view shop.big_orders: definition SELECT orders.id, orders.total FROM shop.orders WHERE "
                        + "orders.total > 100::numeric; → SELECT orders.id, orders.total FROM shop.orders WHERE "
                        + "orders.total > 1000::numeric;");
    }

    @Test
    void anExtensionAtAnotherVersionIsAChange() {
        run(expectedDb, "CREATE EXTENSION hstore VERSION '1.8'");
        run(actualDb, "CREATE EXTENSION hstore VERSION '1.7'");
        assertThat(diff().lines()).containsExactly("extension hstore: version 1.8 → 1.7");
    }
}

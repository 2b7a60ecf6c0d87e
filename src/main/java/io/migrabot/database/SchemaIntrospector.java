package io.migrabot.database;

import io.migrabot.schema.QualifiedName;
import io.migrabot.schema.SchemaModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Predicate;

/**
 * Reads a database's schema into a {@link SchemaModel}: SQLite's from its schema table and pragmas
 * ({@link SqliteCatalog}); PostgreSQL's from the system catalogs, a few set-based queries (one per
 * kind of object, whatever the number of tables) in one read-only REPEATABLE READ transaction, so that every query
 * sees the same catalog. It locks no more than PostgreSQL's view deparser does: ACCESS SHARE on each view and the
 * tables it reads, until the read ends (a fraction of a second). So a read waits while a migration holds one of
 * those tables exclusively, and a production database is otherwise undisturbed. DDL committed while the queries
 * run may fail the read (the deparsing functions see it, the snapshot does not); reading again is the remedy.
 */
public final class SchemaIntrospector {
    private static final Logger log = LoggerFactory.getLogger(SchemaIntrospector.class);

    private final TargetDatabase database;

    public SchemaIntrospector(TargetDatabase database) {
        this.database = database;
    }

    /**
     * The database's schema, without the tables and views {@code excluded} accepts (see
     * {@link SchemaModel#excluding}).
     */
    public SchemaModel read(Predicate<QualifiedName> excluded) {
        long start = System.nanoTime();
        SchemaModel model = database.withHandle("reading the schema", handle -> handle.inTransaction(tx -> {
            return switch (database.kind()) {
                case POSTGRESQL -> {
                    tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    // With an empty search path the deparsers qualify every name, so definitions do not depend on
                    // the connection's settings and read the same in the database migrations built and the live one.
                    tx.execute("SET LOCAL search_path = ''");
                    yield new SchemaCatalog(tx).read();
                }
                // one read transaction: SQLite's shared lock keeps the schema still while the pragmas run
                case SQLITE -> new SqliteCatalog(tx.getConnection()).read();
            };
        })).excluding(excluded);
        log.debug("read the schema of target {}: {} tables, {} indexes, {} views in {} ms", database.connection().name(),
                model.tables().size(), model.indexes().size(), model.views().size(),
                (System.nanoTime() - start) / 1_000_000);
        return model;
    }
}

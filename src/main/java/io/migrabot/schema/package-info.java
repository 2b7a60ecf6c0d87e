/**
 * A database schema as plain values, and what differs between two of them. {@link io.migrabot.schema.SchemaModel}
 * holds the objects migrations make (schemas, tables with their columns and constraints, indexes, sequences, views,
 * enum types, extensions) in a canonical order, so that equal schemas are equal values with equal fingerprints;
 * {@link io.migrabot.schema.SchemaDiff} lists the differences between what migrations are expected to produce and
 * what a database holds, one readable line each. Pure: reading a model from PostgreSQL is the database package's
 * job.
 */
package io.migrabot.schema;

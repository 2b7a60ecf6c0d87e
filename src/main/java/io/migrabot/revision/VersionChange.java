package io.migrabot.revision;

/**
 * One change to the version table ({@code alembic_version}): a row inserted, deleted, or its version updated.
 * The table holds one row per applied head.
 */
public sealed interface VersionChange {

    record Insert(String version) implements VersionChange {
        @Override
        public String toString() {
            return "insert " + version;
        }
    }

    record Delete(String version) implements VersionChange {
        @Override
        public String toString() {
            return "delete " + version;
        }
    }

    record Update(String from, String to) implements VersionChange {
        @Override
        public String toString() {
            return "update " + from + " -> " + to;
        }
    }
}

package io.migrabot.runner;

import io.migrabot.revision.RevisionNode;
import io.migrabot.revision.VersionChange;
import io.migrabot.script.SqlMigration;
import io.migrabot.script.SqlStatements;

import java.util.List;

/** One revision to run in one direction, its statements, and the version-table changes that record it. */
record Step(RevisionNode revision, SqlMigration migration, List<SqlStatements.Statement> statements,
            List<VersionChange> changes, boolean upgrade) {

    String id() {
        return revision.id();
    }

    String path() {
        return revision.revision().path();
    }

    String direction() {
        return upgrade ? "upgrade" : "downgrade";
    }
}

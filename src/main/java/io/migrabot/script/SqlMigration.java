package io.migrabot.script;

import io.migrabot.revision.Revision;

import java.util.List;
import java.util.Optional;

/**
 * A revision in migrabot's native SQL format: its place in the graph, the statements of its up and down sections,
 * and whether it runs inside a transaction.
 *
 * @param down          empty when the file has no {@code -- migrate:down} section (it cannot be downgraded)
 * @param transactional false for revisions declared {@code -- transactional: false} (e.g. CREATE INDEX CONCURRENTLY)
 */
public record SqlMigration(Revision revision, List<SqlStatements.Statement> up,
                           Optional<List<SqlStatements.Statement>> down, boolean transactional) {

    public SqlMigration {
        up = List.copyOf(up);
        down = down.map(List::copyOf);
    }
}

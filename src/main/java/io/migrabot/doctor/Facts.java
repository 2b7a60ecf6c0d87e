package io.migrabot.doctor;

import io.migrabot.revision.RevisionGraph;
import io.migrabot.schema.SchemaModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the doctor examines, gathered by the {@code doctor} operation. Failures to gather a fact are facts too.
 *
 * @param loadFailure     why the project could not be loaded (then {@code graph} is null)
 * @param configProblems  mistakes in a project that loads, which break Alembic later (a bad '%' in alembic.ini)
 * @param emptyMigrations revisions that do nothing when applied, one line each ({@code id (file): why})
 * @param databaseFailure why the database could not be read (then {@code recorded} and {@code live} are absent)
 * @param recorded        the version table's revisions; empty when there is no version table
 * @param live            the database's schema, without the version table and migrabot's own tables
 * @param expected        the schemas the migrations produce, computed only when a rule needs them
 */
public record Facts(String target, Optional<String> loadFailure, List<String> configProblems, RevisionGraph graph,
                    List<String> emptyMigrations,
                    Optional<String> databaseFailure, Optional<List<String>> recorded, SchemaModel live,
                    Expected expected) {

    /** The schemas the migrations produce; each method may throw when they cannot be built. */
    public interface Expected {
        /** After upgrading an empty database to these revisions. */
        SchemaModel at(List<String> heads);

        /** After each revision, by id. */
        Map<String, SchemaModel> all();
    }
}

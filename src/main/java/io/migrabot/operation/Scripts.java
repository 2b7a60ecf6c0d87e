package io.migrabot.operation;

import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.runner.RunSession;
import io.migrabot.runner.UpgradeSql;

import java.util.List;

/**
 * A target's revisions and the way they run: migrabot's native SQL runner, or the real Alembic. Operations work
 * on the graph; only running and previewing differ between the two.
 */
public interface Scripts {

    /** The revision graph, problems included. */
    RevisionGraph graph();

    /**
     * Runs {@code plan} from the recorded {@code heads} towards {@code destinations} (resolved ids, or one of the
     * fixed words head, heads, base), its database sessions set up as {@code session} says; the caller reads the
     * version table afterwards.
     */
    void run(List<RevisionNode> plan, boolean upgrade, List<String> destinations, List<String> heads,
             Progress.Listener listener, Cancellation cancellation, RunSession session);

    /**
     * The SQL that {@link #run} with the same arguments would execute, without executing anything: the exact
     * statements and version-table changes for native SQL, what Alembic's offline {@code --sql} mode prints for an
     * Alembic project (from several recorded heads, which offline mode cannot start at, cut from one offline run
     * per head). Fails with the reason when the SQL cannot be known without running it.
     */
    String preview(List<RevisionNode> plan, boolean upgrade, List<String> heads, List<String> destinations);

    /**
     * The SQL of every revision's upgrade, revision by revision, without touching the target: to replay in a
     * shadow database. For an Alembic project this is one run of Alembic's offline mode, which cannot show what a
     * migration does after reading the database (see {@link AlembicScripts#upgradeSql()}).
     */
    UpgradeSql upgradeSql();

    /** The SQL of one revision's downgrade, without touching the target: to measure it in a shadow database. */
    UpgradeSql.RevisionSql downgradeSql(RevisionNode revision);
}

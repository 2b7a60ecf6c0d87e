package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.revision.AlembicMessages;
import io.migrabot.revision.RevisionException;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SQL of an upgrade or downgrade, without running it, for any destination an upgrade or downgrade accepts
 * (several heads, a merge, {@code label@head}). {@code FROM:TO} upgrades from FROM (empty for base; several
 * revisions, for a database at several heads, separated by commas) to TO; {@code --downgrade FROM:TO} downgrades.
 * Every end is resolved against the graph first, and the SQL is what the run with the same arguments would send.
 */
public final class SqlPreview {
    private final Target target;

    public SqlPreview(Target target) {
        this.target = target;
    }

    /** The preview text and the revisions it covers, in the order they would run; {@code to} may name several. */
    public record Result(String target, boolean upgrade, String from, String to, List<String> revisions, String sql) {
    }

    public Result preview(String range, boolean upgrade) {
        int colon = range.indexOf(':');
        if (colon < 0 || range.indexOf(':', colon + 1) >= 0) {
            throw new MigrabotException(ErrorCode.USAGE, "a preview range is FROM:TO (FROM may be empty for base, or "
                    + "several revisions separated by commas), e.g. 1975ea83b712:head; got '" + range + "'");
        }
        String fromArg = range.substring(0, colon).strip();
        List<String> from = new ArrayList<>();
        if (!fromArg.isEmpty() && !fromArg.equals("base")) {
            RevisionGraph graph = target.scripts().graph();
            for (String one : Arrays.stream(fromArg.split(",")).map(String::strip).toList()) {
                try {
                    from.add(graph.resolver().resolveOne(one).id());
                } catch (RevisionException e) {
                    throw AlembicMessages.translate(e, one, null);
                }
            }
        }
        return preview(from, range.substring(colon + 1).strip(), upgrade);
    }

    /** The SQL of the upgrade or downgrade to {@code toArg} from the recorded {@code heads} (full ids). */
    public Result preview(List<String> heads, String toArg, boolean upgrade) {
        target.requireSoundScripts("sql preview");
        RevisionGraph graph = target.scripts().graph();
        try {
            List<RevisionNode> plan;
            List<String> destinations;
            List<String> words;
            if (upgrade) {
                destinations = graph.traversal().upgradeDestinations(toArg, heads);
                plan = graph.traversal().upgradePlan(toArg, heads);
                words = Upgrade.words(toArg, destinations);
            } else {
                destinations = List.of(graph.traversal().downgradeDestination(toArg, heads));
                plan = graph.traversal().downgradePlan(toArg, heads);
                words = destinations;
            }
            String sql = plan.isEmpty() ? "" : target.scripts().preview(plan, upgrade, heads, words);
            return new Result(target.name(), upgrade, heads.isEmpty() ? "base" : String.join(",", heads),
                    destinations.isEmpty() ? "base" : String.join(",", destinations),
                    plan.stream().map(RevisionNode::id).toList(), sql);
        } catch (RevisionException e) {
            throw AlembicMessages.translate(e, String.join(",", heads), toArg);
        }
    }
}

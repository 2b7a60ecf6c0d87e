package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.revision.AlembicMessages;
import io.migrabot.revision.RevisionException;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;

import java.util.List;

/**
 * The SQL of an upgrade or downgrade range, without running it: {@code FROM:TO} (FROM empty for base) upgrades,
 * {@code --downgrade FROM:TO} downgrades from FROM to TO. Both ends are resolved against the graph first.
 */
public final class SqlPreview {
    private final Target target;

    public SqlPreview(Target target) {
        this.target = target;
    }

    /** The preview text and the revisions it covers, in the order they would run. */
    public record Result(String target, boolean upgrade, String from, String to, List<String> revisions, String sql) {
    }

    public Result preview(String range, boolean upgrade) {
        target.requireSoundScripts("sql preview");
        int colon = range.indexOf(':');
        if (colon < 0 || range.indexOf(':', colon + 1) >= 0) {
            throw new MigrabotException(ErrorCode.USAGE, "a preview range is FROM:TO (FROM may be empty for base), "
                    + "e.g. 1975ea83b712:head; got '" + range + "'");
        }
        String fromArg = range.substring(0, colon).strip();
        String toArg = range.substring(colon + 1).strip();
        RevisionGraph graph = target.scripts().graph();
        try {
            RevisionNode from = fromArg.isEmpty() || fromArg.equals("base") ? null : graph.resolver().resolveOne(fromArg);
            List<String> heads = from == null ? List.of() : List.of(from.id());
            List<RevisionNode> plan;
            String to;
            if (upgrade) {
                List<String> destinations = graph.traversal().upgradeDestinations(toArg, heads);
                if (destinations.size() != 1) {
                    throw new MigrabotException(ErrorCode.USAGE, "'" + toArg + "' names " + destinations.size()
                            + " revisions; preview one destination at a time");
                }
                to = destinations.get(0);
                plan = graph.traversal().upgradePlan(to, heads);
            } else {
                to = graph.traversal().downgradeDestination(toArg, heads);
                plan = graph.traversal().downgradePlan(to, heads);
            }
            String sql = target.scripts().preview(plan, upgrade, from == null ? null : from.id(), to);
            return new Result(target.name(), upgrade, from == null ? "base" : from.id(), to,
                    plan.stream().map(RevisionNode::id).toList(), sql);
        } catch (RevisionException e) {
            throw AlembicMessages.translate(e, fromArg, toArg);
        }
    }
}

package io.migrabot.revision;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the destination of an upgrade or downgrade the way Alembic does: absolute arguments go to the resolver,
 * relative ones ({@code +2}, {@code -1}, {@code head-1}, {@code label@+1}) walk from the current heads or from the
 * named revision.
 */
final class TargetParser {
    private TargetParser() {
    }

    /** A downgrade destination: the label it was narrowed to (may be null) and the revision, BASE or null. */
    record DowngradeTarget(String branchLabel, RevisionNode target) {
    }

    private static String didNotProduce(String relative, int steps) {
        return "Relative revision " + relative + " didn't produce " + Math.abs(steps) + " migrations";
    }

    static DowngradeTarget downgradeTarget(RevisionGraph graph, RevisionResolver resolver, RevisionSpec current,
                                           String target, boolean assertRelativeLength) {
        if (target == null) {
            return new DowngradeTarget(null, null);
        }
        RevisionResolver.Relative relative = RevisionResolver.matchRelative(target);
        if (relative == null) {
            int at = target.lastIndexOf('@');
            String label = at > 0 ? target.substring(0, at) : null;
            return new DowngradeTarget(label, resolver.resolveOne(target.substring(at + 1)));
        }
        String label = relative.branchLabel();
        String symbol = relative.symbol();
        int steps = relative.steps();
        if (steps >= 0) {
            if (symbol == null) {
                throw RevisionException.other(didNotProduce(relative.stepsText(), steps));
            }
            RevisionNode node = resolver.walk(resolver.resolveOne(symbol), steps, label, assertRelativeLength);
            if (node == null) {
                throw RevisionException.other("Walked too far");
            }
            return new DowngradeTarget(label, node);
        }
        boolean relativeToCurrent = symbol == null;
        if (relativeToCurrent) {
            List<String> currentIds = current.asList();
            if (label != null && !label.isEmpty()) {
                List<String> onBranch = RevisionResolver.idsOf(resolver.filterForLineage(
                        resolver.resolveAll(currentIds), label, false));
                if (onBranch.isEmpty()) {
                    onBranch = RevisionResolver.idsOf(resolver.filterForLineage(
                            allCurrent(graph, resolver, currentIds), label, false));
                }
                if (onBranch.size() != 1) {
                    throw RevisionException.other("Branch '" + label + "' has " + onBranch.size()
                            + " current revisions; downgrade " + target + " needs exactly one");
                }
                symbol = onBranch.get(0);
            } else {
                if (currentIds.isEmpty()) {
                    throw RevisionException.other(didNotProduce(relative.stepsText(), steps));
                }
                symbol = currentIds.get(0);
                label = symbol;
            }
        }
        RevisionNode start = resolver.resolveOne(label == null ? symbol : label + "@" + symbol);
        RevisionNode node = resolver.walk(start, steps, null, assertRelativeLength);
        if (node == null) {
            throw RevisionException.other(relativeToCurrent ? didNotProduce(relative.stepsText(), steps)
                    : "Walked too far");
        }
        return new DowngradeTarget(label, node);
    }

    /** The current revisions plus all their ancestors, reduced to those with no descendant in the set. */
    private static List<RevisionNode> allCurrent(RevisionGraph graph, RevisionResolver resolver, List<String> ids) {
        Set<RevisionNode> top = new LinkedHashSet<>(resolver.resolveAll(ids));
        top.addAll(graph.ancestors(new ArrayList<>(top)));
        List<RevisionNode> branchHeads = new ArrayList<>();
        for (RevisionNode node : top) {
            Set<RevisionNode> below = new LinkedHashSet<>(graph.versionedDescendants(List.of(node)));
            below.remove(node);
            below.retainAll(top);
            if (below.isEmpty()) {
                branchHeads.add(node);
            }
        }
        return branchHeads;
    }

    static List<RevisionNode> upgradeTargets(RevisionGraph graph, RevisionResolver resolver, RevisionSpec current,
                                             RevisionSpec target, boolean assertRelativeLength) {
        RevisionResolver.Relative relative = target.isText() ? RevisionResolver.matchRelative(target.text()) : null;
        if (relative == null) {
            return target.isText() ? resolver.resolveAll(target.text()) : resolver.resolveAll(target.asList());
        }
        String label = relative.branchLabel();
        String symbol = relative.symbol();
        int steps = relative.steps();
        if (steps <= 0) {
            if (symbol == null) {
                throw RevisionException.other(didNotProduce(String.valueOf(steps), steps));
            }
            RevisionNode start = resolver.resolveOne(label == null ? symbol : label + "@" + symbol);
            return single(resolver.walk(start, steps, null, assertRelativeLength));
        }
        if (symbol != null) {
            return single(resolver.walk(resolver.resolveOne(symbol), steps, label, assertRelativeLength));
        }
        List<String> currentIds = current.asList();
        List<RevisionNode> starts = new ArrayList<>();
        if (label != null && !label.isEmpty()) {
            starts.addAll(resolver.filterForLineage(resolver.resolveAll(currentIds), label, false));
            if (starts.isEmpty()) {
                starts.addAll(branchTips(resolver.filterForLineage(
                        graph.ancestors(resolver.resolveAll(currentIds)), label, false)));
            }
            if (starts.isEmpty()) {
                starts.add(null);
            }
        } else if (currentIds.isEmpty()) {
            starts.add(null);
        } else {
            for (String id : currentIds) {
                starts.add(resolver.resolveOne(id));
            }
        }
        if (starts.size() > 1) {
            throw RevisionException.other("Ambiguous upgrade from multiple current revisions");
        }
        RevisionNode node = resolver.walk(starts.get(0), steps, label, assertRelativeLength);
        if (node == null) {
            throw RevisionException.other(didNotProduce(relative.stepsText(), steps));
        }
        return List.of(node);
    }

    /** Revisions of the set that no other member of the set has as a parent or dependency. */
    private static List<RevisionNode> branchTips(List<RevisionNode> active) {
        Set<String> below = new LinkedHashSet<>();
        for (RevisionNode node : active) {
            below.addAll(node.normalizedDownRevisions());
        }
        List<RevisionNode> tips = new ArrayList<>();
        for (RevisionNode node : active) {
            if (!below.contains(node.id())) {
                tips.add(node);
            }
        }
        return tips;
    }

    private static List<RevisionNode> single(RevisionNode node) {
        List<RevisionNode> out = new ArrayList<>();
        out.add(node);
        return out;
    }
}

package io.migrabot.revision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Selects and orders the revisions between two ends of a range, with Alembic's algorithms: which revisions an
 * upgrade needs, which a downgrade drops, and the order they run in (a walk down from the heads that finishes one
 * branch before the next, breaking ties by load order).
 */
public final class RevisionTraversal {
    private final RevisionGraph graph;
    private final RevisionResolver resolver;

    RevisionTraversal(RevisionGraph graph) {
        this.graph = graph;
        this.resolver = graph.resolver();
    }

    /** The options of Alembic's iterate_revisions. */
    public record Options(boolean implicitBase, boolean inclusive, boolean assertRelativeLength,
                          boolean selectForDowngrade) {
        /** What {@code alembic history} uses. */
        public static final Options HISTORY = new Options(false, true, false, false);
        /** What {@code alembic upgrade} uses. */
        public static final Options UPGRADE = new Options(true, false, true, false);
        /** What {@code alembic downgrade} uses. */
        public static final Options DOWNGRADE = new Options(false, false, true, true);
    }

    /** The revisions from {@code upper} down to {@code lower}, newest first (Alembic's iterate_revisions). */
    public List<RevisionNode> iterate(RevisionSpec upper, RevisionSpec lower, Options options) {
        Selection selection = options.selectForDowngrade()
                ? collectDowngrade(upper, lower, options)
                : collectUpgrade(upper, lower, options);
        return TopologicalOrder.sort(graph, selection.revisions(), selection.heads());
    }

    /** The upgrade steps from the stamped heads to {@code destination}, in the order they run. */
    public List<RevisionNode> upgradePlan(String destination, List<String> currentHeads) {
        List<RevisionNode> steps = new ArrayList<>(
                iterate(RevisionSpec.of(destination), RevisionSpec.ofIds(currentHeads), Options.UPGRADE));
        java.util.Collections.reverse(steps);
        return steps;
    }

    /** The downgrade steps from the stamped heads to {@code destination}, in the order they run. */
    public List<RevisionNode> downgradePlan(String destination, List<String> currentHeads) {
        return iterate(RevisionSpec.ofIds(currentHeads), RevisionSpec.of(destination), Options.DOWNGRADE);
    }

    /**
     * What an upgrade argument names from the recorded heads: full revision ids (relative steps and labels
     * resolved). Never empty unless the argument is {@code base}.
     */
    public List<String> upgradeDestinations(String argument, List<String> currentHeads) {
        List<String> ids = new ArrayList<>();
        for (RevisionNode node : TargetParser.upgradeTargets(graph, resolver, RevisionSpec.ofIds(currentHeads),
                RevisionSpec.of(argument), true)) {
            ids.add(requireRevision(node, argument).id());
        }
        return ids;
    }

    /**
     * What a downgrade argument names from the recorded heads, as an absolute argument with the same meaning: the
     * revision's full id (or "base"), prefixed with the branch the downgrade is narrowed to when it is
     * ({@code -1} from head {@code x} to {@code p} is {@code x@p}: only x's branch goes down).
     */
    public String downgradeDestination(String argument, List<String> currentHeads) {
        TargetParser.DowngradeTarget target = TargetParser.downgradeTarget(graph, resolver,
                RevisionSpec.ofIds(currentHeads), argument, true);
        RevisionNode node = target.target();
        String revision = node == null || node == RevisionResolver.BASE ? "base" : node.id();
        String label = target.branchLabel();
        return label == null || label.isEmpty() ? revision : label + "@" + revision;
    }

    private record Selection(Set<RevisionNode> revisions, List<RevisionNode> heads) {
    }

    private static RevisionNode requireRevision(RevisionNode node, String argument) {
        if (node == null || node == RevisionResolver.BASE) {
            throw RevisionException.other("Revision argument '" + argument + "' does not lead to a revision");
        }
        return node;
    }

    private List<RevisionNode> resolveAll(RevisionSpec spec) {
        return spec.isText() ? resolver.resolveAll(spec.text()) : resolver.resolveAll(spec.asList());
    }

    private Selection collectUpgrade(RevisionSpec upper, RevisionSpec lower, Options options) {
        Collection<RevisionNode> targets = new ArrayList<>();
        for (RevisionNode target : TargetParser.upgradeTargets(graph, resolver, lower, upper,
                options.assertRelativeLength())) {
            targets.add(requireRevision(target, upper.toString()));
        }
        if (lower.isText() && lower.text().contains("@")) {
            String branch = lower.text().substring(0, lower.text().indexOf('@'));
            RevisionNode branchNode = resolver.resolveOne(branch);
            if (branchNode != null && branchNode.id().equals(branch)) {
                if (branchNode.branchLabels().size() != 1) {
                    throw RevisionException.other("Revision " + branch + " used as a branch name must carry exactly "
                            + "one branch label");
                }
                branch = branchNode.branchLabels().iterator().next();
            }
            Set<RevisionNode> onBranch = new LinkedHashSet<>();
            for (RevisionNode target : targets) {
                if (target.branchLabels().contains(branch)) {
                    onBranch.add(target);
                }
            }
            targets = onBranch;
        }
        Set<RevisionNode> required = new LinkedHashSet<>(Overlap.ancestorsChecked(graph, targets));
        required.addAll(targets);

        List<RevisionNode> current = resolveAll(lower);
        if (!options.implicitBase()) {
            for (RevisionNode node : current) {
                if (node != null && !required.contains(node)) {
                    throw RevisionException.rangeNotAncestor(lower.pythonText(), upper.pythonText());
                }
            }
        }
        RevisionSpec effectiveLower = lower;
        if (!current.isEmpty() && current.get(0) == null) {
            RevisionNode node = TargetParser.downgradeTarget(graph, resolver, upper, lower.text(),
                    options.assertRelativeLength()).target();
            if (node == null || node == RevisionResolver.BASE) {
                current = List.of();
                effectiveLower = RevisionSpec.NONE;
            } else {
                current = List.of(node);
                effectiveLower = RevisionSpec.of(node.id());
            }
        }
        Set<RevisionNode> currentSet = new HashSet<>(Overlap.ancestorsChecked(graph, current));
        currentSet.addAll(current);

        Set<RevisionNode> needs = new LinkedHashSet<>(required);
        needs.removeAll(currentSet);
        if (options.inclusive()) {
            for (RevisionNode node : resolveAll(effectiveLower)) {
                needs.add(requireRevision(node, effectiveLower.toString()));
            }
        }
        if (!current.isEmpty() && !options.implicitBase()) {
            needs.retainAll(Overlap.versionedDescendantsChecked(graph, current));
        }
        return new Selection(needs, new ArrayList<>(targets));
    }

    private Selection collectDowngrade(RevisionSpec upper, RevisionSpec target, Options options) {
        TargetParser.DowngradeTarget parsed = TargetParser.downgradeTarget(graph, resolver, upper,
                target.isText() ? target.text() : null, options.assertRelativeLength());
        RevisionNode targetNode = parsed.target() == RevisionResolver.BASE ? null : parsed.target();
        String branchLabel = parsed.branchLabel();

        List<RevisionNode> roots = new ArrayList<>();
        if (targetNode == null) {
            for (String key : graph.keys()) {
                RevisionNode node = graph.lookup(key);
                if (node.isBase()) {
                    roots.add(node);
                }
            }
        } else if (options.inclusive()) {
            roots.add(targetNode);
        } else {
            roots.addAll(resolver.resolveAll(targetNode.children()));
        }
        if (branchLabel != null && !branchLabel.isEmpty() && roots.size() > 1) {
            Set<RevisionNode> ancestors = graph.versionedAncestors(List.of(resolver.resolveBranch(branchLabel)));
            List<RevisionNode> kept = new ArrayList<>();
            for (RevisionNode root : new LinkedHashSet<>(roots)) {
                if (ancestors.contains(root)) {
                    kept.add(root);
                }
            }
            roots = kept;
            if (roots.isEmpty()) {
                throw RevisionException.other("Not a valid downgrade target from current heads");
            }
        }
        List<RevisionNode> heads = resolveAll(upper);
        Set<RevisionNode> drop = new LinkedHashSet<>(graph.descendants(roots));
        Set<RevisionNode> active = graph.ancestors(nonNull(heads));
        drop.retainAll(active);
        if (options.implicitBase()) {
            Set<RevisionNode> others = new LinkedHashSet<>(active);
            others.removeAll(graph.ancestors(roots));
            drop.addAll(others);
        }
        if (targetNode != null && drop.isEmpty() && !heads.contains(targetNode)) {
            throw RevisionException.rangeNotAncestor("Nothing to drop", upper.pythonText());
        }
        return new Selection(drop, heads);
    }

    private static List<RevisionNode> nonNull(List<RevisionNode> nodes) {
        List<RevisionNode> out = new ArrayList<>();
        for (RevisionNode node : nodes) {
            if (node != null && node != RevisionResolver.BASE) {
                out.add(node);
            }
        }
        return out;
    }
}

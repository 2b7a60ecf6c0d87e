package io.migrabot.revision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the nodes of a {@link RevisionGraph} in the steps Alembic's RevisionMap takes (ids, branch labels,
 * dependencies, parent links, dependency normalization, cycle detection, label propagation), recording problems
 * where Alembic would warn or stop.
 */
final class GraphBuilder {
    private static final String ILLEGAL = "@-+";

    final Map<String, RevisionNode> byId = new LinkedHashMap<>();
    final Map<String, RevisionNode> byLabel = new LinkedHashMap<>();
    final List<Problem> problems = new ArrayList<>();

    GraphBuilder(List<Revision> revisions) {
        addRevisions(revisions);
        mapBranchLabels();
        resolveDependencies();
        linkParents();
        normalizeDependencies();
        boolean cyclic = detectCycles(false);
        if (!cyclic) {
            detectCycles(true);
        }
        propagateBranchLabels();
    }

    private void addRevisions(List<Revision> revisions) {
        int order = 0;
        for (Revision declared : revisions) {
            Revision revision = withoutSelfReferences(declared);
            checkIdCharacters(revision);
            RevisionNode previous = byId.get(revision.id());
            if (previous != null) {
                problems.add(new Problem(ProblemKind.DUPLICATE_REVISION, revision.path(),
                        "Revision " + revision.id() + " is present more than once (also in "
                                + previous.revision().path() + ")"));
            }
            byId.put(revision.id(), new RevisionNode(revision, order++));
        }
    }

    /** Alembic refuses a revision that is its own parent or dependency; report it and drop the reference. */
    private Revision withoutSelfReferences(Revision r) {
        boolean parentLoop = r.downRevisions().contains(r.id());
        boolean dependencyLoop = r.dependsOn().contains(r.id());
        if (!parentLoop && !dependencyLoop) {
            return r;
        }
        problems.add(new Problem(ProblemKind.SELF_LOOP, r.path(),
                (parentLoop ? "Self-loop" : "Dependency self-loop") + " is detected in revisions (" + r.id() + ")"));
        List<String> down = new ArrayList<>(r.downRevisions());
        down.remove(r.id());
        List<String> deps = new ArrayList<>(r.dependsOn());
        deps.remove(r.id());
        return new Revision(r.id(), down, r.branchLabels(), deps, r.longDoc(), r.path());
    }

    private void checkIdCharacters(Revision revision) {
        String id = revision.id();
        if (id.indexOf('@') < 0 && id.indexOf('-') < 0 && id.indexOf('+') < 0) {
            return;
        }
        Set<String> found = new TreeSet<>();
        for (char c : revision.id().toCharArray()) {
            if (ILLEGAL.indexOf(c) >= 0) {
                found.add(String.valueOf(c));
            }
        }
        if (!found.isEmpty()) {
            problems.add(new Problem(ProblemKind.ILLEGAL_CHARACTERS, revision.path(),
                    "Character(s) '" + String.join(", ", found) + "' not allowed in revision identifier '"
                            + revision.id() + "'"));
        }
    }

    private void mapBranchLabels() {
        for (RevisionNode node : byId.values()) {
            for (String label : node.revision().branchLabels()) {
                RevisionNode taken = byId.containsKey(label) ? byId.get(label) : byLabel.get(label);
                if (taken != null) {
                    problems.add(new Problem(ProblemKind.DUPLICATE_BRANCH_LABEL, node.revision().path(),
                            "Branch name '" + label + "' in revision " + node.id() + " already used by revision "
                                    + taken.id()));
                } else {
                    byLabel.put(label, node);
                }
            }
        }
    }

    private RevisionNode lookup(String key) {
        RevisionNode node = byId.get(key);
        return node != null ? node : byLabel.get(key);
    }

    private void resolveDependencies() {
        for (RevisionNode node : byId.values()) {
            List<String> resolved = new ArrayList<>();
            for (String dependency : node.revision().dependsOn()) {
                RevisionNode target = lookup(dependency);
                if (target == null) {
                    problems.add(new Problem(ProblemKind.MISSING_DEPENDENCY, node.revision().path(),
                            "Dependency " + dependency + " referenced from " + node.id() + " is not present"));
                } else if (!resolved.contains(target.id())) {
                    resolved.add(target.id());
                }
            }
            node.resolvedDependencies = List.copyOf(resolved);
        }
    }

    private void linkParents() {
        for (RevisionNode node : byId.values()) {
            for (String parentId : node.allDownRevisions()) {
                RevisionNode parent = byId.get(parentId);
                if (parent == null) {
                    if (node.downRevisions().contains(parentId)) {
                        problems.add(new Problem(ProblemKind.MISSING_PARENT, node.revision().path(),
                                "Revision " + parentId + " referenced from " + node.id() + " is not present"));
                    }
                    continue;
                }
                parent.allChildren.add(node.id());
                if (node.downRevisions().contains(parentId)) {
                    parent.children.add(node.id());
                }
            }
        }
    }

    /** Drops dependencies that a versioned ancestor already depends on (Alembic's _normalize_depends_on). */
    private void normalizeDependencies() {
        for (RevisionNode node : byId.values()) {
            if (node.resolvedDependencies.isEmpty()) {
                node.normalizedDependencies = List.of();
                continue;
            }
            Set<String> normalized = new LinkedHashSet<>(node.resolvedDependencies);
            for (RevisionNode ancestor : RevisionGraph.related(List.of(node), RevisionNode::downRevisions, byId)) {
                if (ancestor != node) {
                    normalized.removeAll(ancestor.resolvedDependencies);
                }
            }
            node.normalizedDependencies = List.copyOf(normalized);
        }
    }

    /**
     * Finds revisions that lie on a cycle: peel off, repeatedly, every revision whose parents are all peeled (or
     * missing), then every revision whose children are all peeled; what is left cannot be ordered.
     *
     * @param withDependencies false for down_revision cycles, true for cycles through depends_on
     * @return whether a cycle was found
     */
    private boolean detectCycles(boolean withDependencies) {
        List<RevisionNode> nodes = new ArrayList<>(byId.values());
        Map<String, Integer> index = new HashMap<>(nodes.size() * 2);
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i).id(), i);
        }
        boolean[] left = new boolean[nodes.size()];
        java.util.Arrays.fill(left, true);
        peel(left, edges(nodes, index, n -> withDependencies ? n.allDownRevisions() : n.downRevisions()));
        peel(left, edges(nodes, index, n -> withDependencies ? n.allChildren : n.children));
        TreeSet<String> remaining = new TreeSet<>();
        for (int i = 0; i < left.length; i++) {
            if (left[i]) {
                remaining.add(nodes.get(i).id());
            }
        }
        if (remaining.isEmpty()) {
            return false;
        }
        ProblemKind kind = withDependencies ? ProblemKind.DEPENDENCY_CYCLE : ProblemKind.CYCLE;
        String what = withDependencies ? "Dependency cycle" : "Cycle";
        List<String> sorted = new ArrayList<>(remaining);
        problems.add(new Problem(kind, byId.get(sorted.get(0)).revision().path(),
                what + " is detected in revisions (" + String.join(", ", sorted) + ")"));
        return true;
    }

    /** Each node's edges as node indexes, in listed order and with repeats kept; ids of no revision dropped. */
    private static int[][] edges(List<RevisionNode> nodes, Map<String, Integer> index,
                                 java.util.function.Function<RevisionNode, java.util.Collection<String>> edges) {
        int[][] out = new int[nodes.size()][];
        for (int i = 0; i < out.length; i++) {
            java.util.Collection<String> ids = edges.apply(nodes.get(i));
            int[] targets = new int[ids.size()];
            int count = 0;
            for (String id : ids) {
                Integer target = index.get(id);
                if (target != null) {
                    targets[count++] = target;
                }
            }
            out[i] = count == targets.length ? targets : java.util.Arrays.copyOf(targets, count);
        }
        return out;
    }

    /** Removes from {@code left}, repeatedly, every node none of whose {@code edges} leads to a node still left. */
    private static void peel(boolean[] left, int[][] edges) {
        int n = left.length;
        int[] pending = new int[n];
        int[] waitingCount = new int[n + 1];
        for (int i = 0; i < n; i++) {
            if (left[i]) {
                for (int other : edges[i]) {
                    if (left[other]) {
                        pending[i]++;
                        waitingCount[other + 1]++;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) { // waiting[start[j] .. start[j+1]) are the nodes whose edges reach j
            waitingCount[i + 1] += waitingCount[i];
        }
        int[] start = waitingCount;
        int[] fill = java.util.Arrays.copyOf(start, n);
        int[] waiting = new int[start[n]];
        int[] ready = new int[n];
        int readyEnd = 0;
        for (int i = 0; i < n; i++) {
            if (left[i]) {
                for (int other : edges[i]) {
                    if (left[other]) {
                        waiting[fill[other]++] = i;
                    }
                }
                if (pending[i] == 0) {
                    ready[readyEnd++] = i;
                }
            }
        }
        for (int next = 0; next < readyEnd; next++) {
            int id = ready[next];
            left[id] = false;
            for (int w = start[id]; w < start[id + 1]; w++) {
                if (--pending[waiting[w]] == 0) {
                    ready[readyEnd++] = waiting[w];
                }
            }
        }
    }

    /**
     * Alembic extends a revision's labels to all its descendants, then walks down from the last descendant it
     * visited, labelling each revision until it reaches a branch point or a merge point.
     */
    private void propagateBranchLabels() {
        for (RevisionNode labelled : byId.values()) {
            if (labelled.revision().branchLabels().isEmpty()) {
                continue;
            }
            Set<String> labels = new TreeSet<>(labelled.branchLabels);
            RevisionNode last = labelled;
            for (RevisionNode node : RevisionGraph.related(List.of(labelled), n -> n.children, byId)) {
                node.branchLabels.addAll(labels);
                last = node;
            }
            RevisionNode parent = last;
            Set<RevisionNode> walked = new LinkedHashSet<>();
            while (parent != null && !parent.isRealBranchPoint() && !parent.isMergePoint() && walked.add(parent)) {
                parent.branchLabels.addAll(labels);
                parent = parent.downRevisions().isEmpty() ? null : byId.get(parent.downRevisions().get(0));
            }
        }
    }
}

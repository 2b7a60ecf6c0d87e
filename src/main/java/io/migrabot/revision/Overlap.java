package io.migrabot.revision;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks like {@link RevisionGraph#related} that also refuse requested revisions lying on each other's path
 * (Alembic: "Requested revision X overlaps with other requested revisions Y"), as upgrade targets must not.
 */
final class Overlap {
    private Overlap() {
    }

    static Set<RevisionNode> ancestorsChecked(RevisionGraph graph, Collection<RevisionNode> targets) {
        return walk(graph, targets, RevisionNode::normalizedDownRevisions);
    }

    static Set<RevisionNode> versionedDescendantsChecked(RevisionGraph graph, Collection<RevisionNode> targets) {
        return walk(graph, targets, n -> n.children);
    }

    private static Set<RevisionNode> walk(RevisionGraph graph, Collection<RevisionNode> targets,
                                          Function<RevisionNode, Collection<String>> next) {
        Set<RevisionNode> seen = new LinkedHashSet<>();
        Deque<RevisionNode> todo = new ArrayDeque<>();
        for (RevisionNode target : targets) {
            if (target == null || target == RevisionResolver.BASE) {
                throw RevisionException.other("A relative revision walked past the end of the history");
            }
            Set<RevisionNode> perTarget = new LinkedHashSet<>();
            todo.push(target);
            while (!todo.isEmpty()) {
                RevisionNode node = todo.pop();
                perTarget.add(node);
                if (!seen.add(node)) {
                    continue;
                }
                for (String id : next.apply(node)) {
                    graph.find(id).ifPresent(todo::push);
                }
            }
            Set<String> overlaps = new java.util.TreeSet<>();
            for (RevisionNode other : targets) {
                if (other != target && perTarget.contains(other)) {
                    overlaps.add(other.id());
                }
            }
            if (!overlaps.isEmpty()) {
                throw RevisionException.other("Requested revision " + target.id()
                        + " overlaps with other requested revisions " + String.join(", ", overlaps));
            }
        }
        return seen;
    }
}

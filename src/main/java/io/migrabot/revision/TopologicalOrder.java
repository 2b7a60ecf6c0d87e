package io.migrabot.revision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Alembic's order for a set of revisions, newest first: start from the heads in load order and walk down one
 * branch as long as no other pending head still needs the current revision; when one does, switch to that head.
 * The result always lists a revision before its parents and dependencies.
 */
final class TopologicalOrder {
    private TopologicalOrder() {
    }

    static List<RevisionNode> sort(RevisionGraph graph, Collection<RevisionNode> revisions,
                                   Collection<RevisionNode> heads) {
        Set<String> todo = new HashSet<>();
        for (RevisionNode node : revisions) {
            todo.add(node.id());
        }
        Set<RevisionNode> startSet = new LinkedHashSet<>();
        for (RevisionNode head : heads) {
            if (head != null && todo.contains(head.id())) {
                startSet.add(head);
            }
        }
        List<RevisionNode> start = new ArrayList<>(startSet);
        start.sort(Comparator.comparingInt(RevisionNode::order));

        List<String> current = new ArrayList<>();
        List<Set<String>> ancestorsByIndex = new ArrayList<>();
        for (RevisionNode head : start) {
            current.add(head.id());
            ancestorsByIndex.add(ancestorIds(graph, head.id()));
        }
        List<RevisionNode> output = new ArrayList<>();
        int index = 0;
        while (!current.isEmpty()) {
            String candidate = current.get(index);
            int dependent = -1;
            for (int i = 0; i < ancestorsByIndex.size(); i++) {
                if (i != index && ancestorsByIndex.get(i).contains(candidate)) {
                    dependent = i;
                    break;
                }
            }
            if (dependent >= 0) {
                index = dependent;
                continue;
            }
            if (todo.remove(candidate)) {
                output.add(graph.node(candidate));
            }
            RevisionNode node = graph.node(candidate);
            List<String> toAdd = new ArrayList<>();
            for (String down : node.normalizedDownRevisions()) {
                if (todo.contains(down) && !current.contains(down)) {
                    toAdd.add(down);
                }
            }
            if (toAdd.isEmpty()) {
                current.remove(index);
                ancestorsByIndex.remove(index);
                index = Math.max(index - 1, 0);
            } else if (node.normalizedDependencies.isEmpty() && node.downRevisions().size() == 1) {
                current.set(index, toAdd.get(0));
                ancestorsByIndex.get(index).remove(candidate);
            } else {
                current.set(index, toAdd.get(0));
                ancestorsByIndex.set(index, ancestorIds(graph, toAdd.get(0)));
                for (String extra : toAdd.subList(1, toAdd.size())) {
                    current.add(extra);
                    ancestorsByIndex.add(ancestorIds(graph, extra));
                }
            }
        }
        if (!todo.isEmpty()) {
            throw RevisionException.other("Revisions " + String.join(", ", new java.util.TreeSet<>(todo))
                    + " cannot be ordered: they are not below any of the requested heads");
        }
        return output;
    }

    private static Set<String> ancestorIds(RevisionGraph graph, String id) {
        Set<String> ids = new HashSet<>();
        for (RevisionNode node : graph.ancestors(List.of(graph.node(id)))) {
            ids.add(node.id());
        }
        return ids;
    }
}

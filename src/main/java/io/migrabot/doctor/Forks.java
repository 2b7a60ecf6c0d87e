package io.migrabot.doctor;

import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Several heads: where the history forks, and what is on each side. The fix is a merge revision; the upgrade to all
 * heads is the behind finding's fix, offered only when the database is not already at every head.
 */
final class Forks {
    private static final int SHOWN_PER_SIDE = 8;

    private Forks() {
    }

    static Finding finding(RevisionGraph graph) {
        List<String> heads = graph.heads();
        List<Set<String>> lineages = new ArrayList<>();
        for (String head : heads) {
            lineages.add(ancestors(graph, head));
        }
        Set<String> common = new LinkedHashSet<>(lineages.get(0));
        lineages.forEach(common::retainAll);
        List<String> forks = new ArrayList<>();
        for (String id : common) {
            // a fork is a shared revision none of whose descendants is shared
            boolean newest = graph.node(id).children().stream().noneMatch(common::contains);
            if (newest) {
                forks.add(id);
            }
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(forks.isEmpty() ? "the heads share no ancestor: the history has several bases"
                : "they fork at " + String.join(", ", forks));
        for (int i = 0; i < heads.size(); i++) {
            List<String> side = new ArrayList<>();
            for (String id : lineages.get(i)) {
                if (!common.contains(id)) {
                    side.add(id);
                }
            }
            evidence.add("head " + describe(graph.node(heads.get(i))) + ": " + side.size() + " revision(s) on its "
                    + "side" + (side.isEmpty() ? "" : ": " + String.join(", ", side.subList(0, Math.min(side.size(),
                    SHOWN_PER_SIDE))) + (side.size() > SHOWN_PER_SIDE ? ", …" : "")));
        }
        return new Finding(FindingKind.SEVERAL_HEADS, heads.size() + " heads: " + String.join(", ", heads), evidence,
                List.of(new Fix("Write a merge revision", "merge", List.of("-m", "merge heads"))));
    }

    private static String describe(RevisionNode node) {
        String message = node.revision().longDoc() == null ? "" : node.revision().longDoc().lines().findFirst()
                .orElse("").strip();
        return node.id() + (message.isEmpty() ? "" : " (" + (message.length() > 60 ? message.substring(0, 60) + "…"
                : message) + ")");
    }

    /** The revision and its ancestors through down_revision, newest first. */
    static Set<String> ancestors(RevisionGraph graph, String head) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(head));
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (seen.add(id)) {
                graph.find(id).ifPresent(node -> queue.addAll(node.downRevisions()));
            }
        }
        return seen;
    }
}

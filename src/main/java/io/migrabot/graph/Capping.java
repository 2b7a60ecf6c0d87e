package io.migrabot.graph;

import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses which revisions get a box when a graph is too big for one picture: those nearest (in down_revision
 * steps) to the database's current revisions and to the heads, which come first. It starts from the most
 * {@link GraphPicture.Options#maxRevisions()} allows and draws fewer until the layout fits the size limits;
 * the rest are counted in grey boxes by {@link SceneBuilder}.
 */
final class Capping {
    /** Cuts a little more than the overshoot, so that a near miss does not cost a round per revision. */
    private static final double MARGIN_OF_CUT = 0.95;

    private Capping() {
    }

    record Fitted(Scene scene, Layout layout) {
    }

    static Fitted fit(RevisionGraph graph, Set<String> current, GraphPicture.Options options) {
        List<String> nearest = nearest(graph, current);
        int count = Math.min(options.maxRevisions(), nearest.size());
        while (true) {
            Scene scene = SceneBuilder.build(graph, current, new HashSet<>(nearest.subList(0, count)));
            Layout layout = Layout.of(scene);
            double room = Math.min(options.maxWidth() / (double) layout.width(),
                    options.maxHeight() / (double) layout.height());
            if (room >= 1 || count <= 1) {
                return new Fitted(scene, layout);
            }
            count = Math.max(1, Math.min(count - 1, (int) (count * room * MARGIN_OF_CUT)));
        }
    }

    /**
     * Every revision, nearest first: a breadth-first walk down the parents from the current revisions (sorted)
     * and the heads (in load order), then whatever the walk cannot reach (revisions on a cycle) in load order.
     */
    static List<String> nearest(RevisionGraph graph, Set<String> current) {
        List<String> order = new ArrayList<>(graph.size());
        Set<String> seen = new HashSet<>();
        Deque<RevisionNode> todo = new ArrayDeque<>();
        List<String> anchors = new ArrayList<>(new TreeSet<>(current));
        anchors.addAll(graph.heads());
        for (String anchor : anchors) {
            if (graph.find(anchor).isPresent() && seen.add(anchor)) {
                todo.add(graph.node(anchor));
            }
        }
        while (!todo.isEmpty()) {
            RevisionNode node = todo.poll();
            order.add(node.id());
            for (String parent : node.downRevisions()) {
                if (graph.find(parent).isPresent() && seen.add(parent)) {
                    todo.add(graph.node(parent));
                }
            }
        }
        for (RevisionNode node : graph.nodes()) {
            if (seen.add(node.id())) {
                order.add(node.id());
            }
        }
        return order;
    }
}

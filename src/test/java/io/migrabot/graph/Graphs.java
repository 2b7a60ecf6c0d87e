package io.migrabot.graph;

import io.migrabot.revision.Revision;
import io.migrabot.revision.RevisionGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.migrabot.revision.Revisions.rev;

/** Graphs and scenes for picture tests; single revisions come from {@link io.migrabot.revision.Revisions}. */
final class Graphs {
    private Graphs() {
    }

    /** r1 <- r2 <- ... <- rN. */
    static RevisionGraph chain(int length) {
        List<Revision> out = new ArrayList<>();
        for (int i = 1; i <= length; i++) {
            out.add(i == 1 ? rev("r1") : rev("r" + i, "r" + (i - 1)));
        }
        return RevisionGraph.of(out);
    }

    /**
     * {@code size} revisions spread at random over {@code lanes} long-lived branches (ids {@code w0}, {@code w1},
     * ...), with an occasional merge of another branch's tip and an occasional depends_on on an earlier revision.
     */
    static RevisionGraph lanes(Random random, int size, int lanes) {
        List<Revision> out = new ArrayList<>();
        String[] tip = new String[lanes];
        for (int i = 0; i < size; i++) {
            int lane = random.nextInt(lanes);
            int other = random.nextInt(lanes);
            List<String> parents = new ArrayList<>();
            if (tip[lane] != null) {
                parents.add(tip[lane]);
            }
            if (random.nextInt(100) < 5 && other != lane && tip[other] != null) {
                parents.add(tip[other]);
            }
            List<String> dependsOn = new ArrayList<>();
            String earlier = i == 0 ? null : "w" + random.nextInt(i);
            if (earlier != null && random.nextInt(100) < 5 && !parents.contains(earlier)) {
                dependsOn.add(earlier);
            }
            out.add(new Revision("w" + i, parents, List.of(), dependsOn, "revision " + i, "w" + i + ".py"));
            tip[lane] = "w" + i;
        }
        return RevisionGraph.of(out);
    }

    /** The scene of the whole graph, every revision drawn. */
    static Scene whole(RevisionGraph graph, Set<String> current) {
        List<String> all = graph.nodes().stream().map(n -> n.id()).toList();
        return SceneBuilder.build(graph, current, Set.copyOf(all));
    }
}

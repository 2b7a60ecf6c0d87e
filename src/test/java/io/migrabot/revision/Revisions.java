package io.migrabot.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Tiny builders for graph scenarios: {@code graph(rev("a"), rev("b", "a"), merge("m", "b", "c"))}. */
public final class Revisions {
    private Revisions() {
    }

    public static Revision rev(String id, String... parents) {
        return new Revision(id, Arrays.asList(parents), List.of(), List.of(), "msg " + id, id + ".py");
    }

    public static Revision merge(String id, String... parents) {
        return rev(id, parents);
    }

    public static Revision labelled(String id, String label, String... parents) {
        return new Revision(id, Arrays.asList(parents), List.of(label), List.of(), "msg " + id, id + ".py");
    }

    public static Revision dependent(String id, List<String> dependsOn, String... parents) {
        return new Revision(id, Arrays.asList(parents), List.of(), dependsOn, "msg " + id, id + ".py");
    }

    public static RevisionGraph graph(Revision... revisions) {
        return RevisionGraph.of(Arrays.asList(revisions));
    }

    /** A linear chain r1 <- r2 <- ... <- rN with ids of the given prefix. */
    public static List<Revision> chain(String prefix, int length) {
        List<Revision> out = new ArrayList<>();
        for (int i = 1; i <= length; i++) {
            out.add(i == 1 ? rev(prefix + i) : rev(prefix + i, prefix + (i - 1)));
        }
        return out;
    }

    public static List<String> ids(List<RevisionNode> nodes) {
        List<String> out = new ArrayList<>();
        for (RevisionNode node : nodes) {
            out.add(node == null ? null : node.id());
        }
        return out;
    }
}

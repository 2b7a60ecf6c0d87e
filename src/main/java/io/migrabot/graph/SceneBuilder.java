package io.migrabot.graph;

import io.migrabot.graph.Scene.Kind;
import io.migrabot.graph.Scene.Link;
import io.migrabot.graph.Scene.LinkKind;
import io.migrabot.graph.Scene.Vertex;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the revisions chosen to be drawn into a {@link Scene}. A drawn revision whose parents are not drawn gets a
 * grey box above it counting the revisions behind it, down to the next drawn revisions (linked above the grey box);
 * when nothing drawn lies behind, those revisions join one shared "older revisions" box at the top. A parent no
 * file declares gets a red box of its own.
 */
final class SceneBuilder {
    /** Alembic's version table holds ids of up to 32 characters: those are drawn whole, a longer one is cut. */
    static final int ID_LENGTH = 32;
    /** A message is wrapped into lines this long, as many as {@link #MESSAGE_LINES}; only a longer one is cut. */
    static final int MESSAGE_WIDTH = 36;
    static final int MESSAGE_LINES = 3;
    private static final int HEADER_LENGTH = 200;
    private static final int IDS_LISTED = 4;

    private final RevisionGraph graph;
    private final Set<String> current;
    private final Set<String> kept;
    private final List<Vertex> vertices = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final Set<String> older = new HashSet<>();
    private final List<Integer> olderChildren = new ArrayList<>();

    private SceneBuilder(RevisionGraph graph, Set<String> current, Set<String> kept) {
        this.graph = graph;
        this.current = current;
        this.kept = kept;
    }

    /** The scene drawing the revisions of {@code kept} (ids of {@code graph}), marking those in {@code current}. */
    static Scene build(RevisionGraph graph, Set<String> current, Set<String> kept) {
        return new SceneBuilder(graph, current, kept).build();
    }

    private Scene build() {
        List<RevisionNode> drawn = graph.nodes().stream().filter(n -> kept.contains(n.id())).toList();
        for (RevisionNode node : drawn) {
            index.put(node.id(), vertices.size());
            vertices.add(revision(node));
        }
        for (RevisionNode node : drawn) {
            linkParents(node, index.get(node.id()));
        }
        if (!olderChildren.isEmpty()) {
            int box = add(collapsed(older.size(), true));
            olderChildren.forEach(child -> links.add(new Link(box, child, LinkKind.PARENT)));
        }
        return new Scene(vertices, links, header(drawn.size()), drawn.size(), graph.size() - drawn.size());
    }

    private Vertex revision(RevisionNode node) {
        List<String> lines = new ArrayList<>();
        lines.add(Text.clean(node.id(), ID_LENGTH));
        lines.addAll(Text.wrap(Text.clean(node.revision().doc(), MESSAGE_WIDTH * MESSAGE_LINES), MESSAGE_WIDTH,
                MESSAGE_LINES));
        if (!node.branchLabels().isEmpty()) {
            lines.add(Text.clean("@ " + String.join(", ", node.branchLabels()), MESSAGE_WIDTH));
        }
        return new Vertex(Kind.REVISION, node.id(), lines, Mark.of(node, current.contains(node.id())), 0);
    }

    private static Vertex collapsed(int hidden, boolean older) {
        String count = String.format(Locale.ROOT, "%s %,d %srevision%s", Text.ELLIPSIS, hidden,
                older ? "older " : "", hidden == 1 ? "" : "s");
        return new Vertex(Kind.COLLAPSED, "", List.of(count, "not drawn"), Set.of(), hidden);
    }

    private int add(Vertex vertex) {
        vertices.add(vertex);
        return vertices.size() - 1;
    }

    private void linkParents(RevisionNode node, int child) {
        List<RevisionNode> hiddenParents = new ArrayList<>();
        for (String parent : node.downRevisions()) {
            if (kept.contains(parent)) {
                links.add(new Link(index.get(parent), child, LinkKind.PARENT));
            } else if (graph.find(parent).isPresent()) {
                hiddenParents.add(graph.node(parent));
            } else {
                links.add(new Link(missing(parent), child, LinkKind.PARENT));
            }
        }
        for (String dependency : node.dependencies()) {
            if (kept.contains(dependency) && !node.downRevisions().contains(dependency)) {
                links.add(new Link(index.get(dependency), child, LinkKind.DEPENDENCY));
            }
        }
        if (!hiddenParents.isEmpty()) {
            collapse(hiddenParents, child);
        }
    }

    private int missing(String id) {
        return index.computeIfAbsent(id, key -> add(new Vertex(Kind.MISSING, key,
                List.of(Text.clean(key, ID_LENGTH), "missing: no file declares it"), Set.of(), 0)));
    }

    /** Walks down from hidden parents through hidden revisions, stopping at drawn ones. */
    private void collapse(List<RevisionNode> hiddenParents, int child) {
        Set<String> region = new HashSet<>();
        Set<Integer> below = new TreeSet<>();
        Deque<RevisionNode> todo = new ArrayDeque<>(hiddenParents);
        while (!todo.isEmpty()) {
            RevisionNode node = todo.pop();
            if (!region.add(node.id())) {
                continue;
            }
            for (String parent : node.downRevisions()) {
                if (kept.contains(parent)) {
                    below.add(index.get(parent));
                } else {
                    graph.find(parent).ifPresent(todo::push);
                }
            }
        }
        if (below.isEmpty()) {
            older.addAll(region);
            olderChildren.add(child);
            return;
        }
        int box = add(collapsed(region.size(), false));
        below.forEach(parent -> links.add(new Link(parent, box, LinkKind.PARENT)));
        links.add(new Link(box, child, LinkKind.PARENT));
    }

    private List<String> header(int drawn) {
        List<String> header = new ArrayList<>();
        header.add(title());
        int hidden = graph.size() - drawn;
        if (hidden > 0) {
            long headsLeftOut = graph.heads().stream().filter(h -> !kept.contains(h)).count();
            header.add(String.format(Locale.ROOT, "showing the %,d revisions nearest the heads%s; %,d more not drawn%s",
                    drawn, current.isEmpty() ? "" : " and the database's revisions", hidden,
                    headsLeftOut == 0 ? "" : String.format(Locale.ROOT, ", %,d heads among them", headsLeftOut)));
        }
        List<String> notes = new ArrayList<>();
        List<String> unknown = new TreeSet<>(current).stream().filter(id -> graph.find(id).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            notes.add("the database records revisions no script declares: " + ids(unknown));
        }
        if (!graph.problems().isEmpty()) {
            notes.add(graph.problems().size() + " problem" + (graph.problems().size() == 1 ? "" : "s")
                    + " in the script directory (red: missing revisions, links that close a cycle)");
        }
        if (!notes.isEmpty()) {
            header.add(String.join("; ", notes));
        }
        return header.stream().map(line -> Text.clean(line, HEADER_LENGTH)).toList();
    }

    private String title() {
        if (graph.isEmpty()) {
            return "no revisions";
        }
        List<String> heads = graph.heads();
        return String.format(Locale.ROOT, "%,d revision%s, %,d head%s%s", graph.size(), graph.size() == 1 ? "" : "s",
                heads.size(), heads.size() == 1 ? "" : "s", heads.isEmpty() ? "" : ": " + ids(heads));
    }

    /** The first few ids, whole (up to {@link #ID_LENGTH}), and how many more there are. */
    private static String ids(List<String> ids) {
        List<String> listed = ids.subList(0, Math.min(IDS_LISTED, ids.size())).stream()
                .map(id -> Text.clean(id, ID_LENGTH)).toList();
        String more = ids.size() > IDS_LISTED
                ? String.format(Locale.ROOT, " and %,d more", ids.size() - IDS_LISTED) : "";
        return String.join(", ", listed) + more;
    }
}

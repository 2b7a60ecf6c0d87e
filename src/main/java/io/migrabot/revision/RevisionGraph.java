package io.migrabot.revision;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The revisions of a script directory and how they connect, with Alembic's semantics: heads, bases, branch points,
 * merge points, branch labels extended along their branch, and {@code depends_on}. Building never throws: what
 * would stop Alembic (duplicate ids, missing parents, cycles) becomes a {@link Problem}, and the graph keeps every
 * edge it could resolve so the rest can still be shown.
 *
 * <p>Where Alembic's order comes from the order files were listed, this graph uses the order revisions were given
 * in; loaders give them sorted by path so the order is stable.
 */
public final class RevisionGraph {
    private final Map<String, RevisionNode> byId;
    private final Map<String, RevisionNode> byLabel;
    private final List<Problem> problems;
    private final List<Problem> warnings;
    private final List<String> heads;
    private final List<String> realHeads;
    private final List<String> bases;
    private final List<String> realBases;

    private RevisionGraph(GraphBuilder built, List<Problem> warnings) {
        this.byId = built.byId;
        this.byLabel = built.byLabel;
        this.problems = List.copyOf(built.problems);
        this.warnings = List.copyOf(warnings);
        this.heads = ids(n -> n.isHead());
        this.realHeads = ids(n -> n.isRealHead());
        this.bases = ids(n -> n.isBase());
        this.realBases = ids(n -> n.isRealBase());
    }

    /** Builds the graph from revisions in load order. */
    public static RevisionGraph of(List<Revision> revisions) {
        return new RevisionGraph(new GraphBuilder(revisions), List.of());
    }

    /** Builds the graph and adds problems found earlier (while reading files) to its own. */
    public static RevisionGraph of(List<Revision> revisions, List<Problem> readProblems) {
        return of(revisions, readProblems, List.of());
    }

    /**
     * Builds the graph with problems found earlier, and warnings: what was read only in part (a revision kept
     * without the branch labels that could not be determined), which the graph reflects as read.
     */
    public static RevisionGraph of(List<Revision> revisions, List<Problem> readProblems, List<Problem> warnings) {
        GraphBuilder builder = new GraphBuilder(revisions);
        builder.problems.addAll(0, readProblems);
        return new RevisionGraph(builder, warnings);
    }

    private List<String> ids(java.util.function.Predicate<RevisionNode> test) {
        List<String> out = new ArrayList<>();
        for (RevisionNode node : byId.values()) {
            if (test.test(node)) {
                out.add(node.id());
            }
        }
        return List.copyOf(out);
    }

    /** What stops the graph from being trusted: a file that could not be read, a missing parent, a cycle... */
    public List<Problem> problems() {
        return problems;
    }

    /** What was read only in part; the revisions concerned are in the graph without the parts not understood. */
    public List<Problem> warnings() {
        return warnings;
    }

    /**
     * The problems and warnings that make operations changing a database refuse this graph, first the problems:
     * empty when such an operation may go ahead.
     */
    public List<Problem> refusals() {
        List<Problem> refusals = new ArrayList<>(problems);
        warnings.stream().filter(w -> w.kind().refusesOperations()).forEach(refusals::add);
        return refusals;
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    public int size() {
        return byId.size();
    }

    /** All revisions in load order. */
    public Collection<RevisionNode> nodes() {
        return byId.values();
    }

    /** Heads through down_revision only: what {@code alembic heads} lists. */
    public List<String> heads() {
        return heads;
    }

    /** Heads no revision depends on either: what the symbol {@code heads} resolves to. */
    public List<String> realHeads() {
        return realHeads;
    }

    public List<String> bases() {
        return bases;
    }

    public List<String> realBases() {
        return realBases;
    }

    public Optional<RevisionNode> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The node for a full revision id; the caller knows it exists. */
    public RevisionNode node(String id) {
        RevisionNode node = byId.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no revision " + id);
        }
        return node;
    }

    /** A revision id or a declared branch label, looked up exactly (Alembic's revision map). */
    RevisionNode lookup(String key) {
        RevisionNode node = byId.get(key);
        return node != null ? node : byLabel.get(key);
    }

    /** Every exact key: revision ids in load order, then declared branch labels. */
    Iterable<String> keys() {
        List<String> keys = new ArrayList<>(byId.keySet());
        keys.addAll(byLabel.keySet());
        return keys;
    }

    /** The resolver for target symbols, prefixes, labels and relative steps. */
    public RevisionResolver resolver() {
        return new RevisionResolver(this);
    }

    /** Orders the revisions between two sets of revisions as Alembic runs them. */
    public RevisionTraversal traversal() {
        return new RevisionTraversal(this);
    }

    /** Whether {@code id} is {@code ancestor} or one of its descendants (through down_revision and depends_on). */
    public boolean descendsFrom(String id, String ancestor) {
        return ancestors(List.of(node(id))).contains(node(ancestor));
    }

    // ---- related-node walks, shared by the builder, the resolver and the traversal ----

    /** Versioned ancestors and dependencies (normalized), the start included. */
    Set<RevisionNode> ancestors(Collection<RevisionNode> start) {
        return related(start, RevisionNode::normalizedDownRevisions);
    }

    /** Versioned ancestors only, the start included. */
    Set<RevisionNode> versionedAncestors(Collection<RevisionNode> start) {
        return related(start, RevisionNode::downRevisions);
    }

    /** Descendants through down_revision and depends_on, the start included. */
    Set<RevisionNode> descendants(Collection<RevisionNode> start) {
        return related(start, n -> n.allChildren);
    }

    /** Descendants through down_revision only, the start included. */
    Set<RevisionNode> versionedDescendants(Collection<RevisionNode> start) {
        return related(start, n -> n.children);
    }

    /**
     * Depth-first collection of nodes reachable by {@code next}, in the order Alembic's walk yields them (a stack:
     * the last neighbour listed is visited first). Ids that name no revision are skipped.
     */
    Set<RevisionNode> related(Collection<RevisionNode> start, Function<RevisionNode, Collection<String>> next) {
        return related(start, next, byId);
    }

    static Set<RevisionNode> related(Collection<RevisionNode> start,
                                     Function<RevisionNode, Collection<String>> next,
                                     Map<String, RevisionNode> byId) {
        Set<RevisionNode> seen = new LinkedHashSet<>();
        Deque<RevisionNode> todo = new ArrayDeque<>();
        for (RevisionNode target : start) {
            todo.push(target);
            while (!todo.isEmpty()) {
                RevisionNode node = todo.pop();
                if (!seen.add(node)) {
                    continue;
                }
                for (String id : next.apply(node)) {
                    RevisionNode nextNode = byId.get(id);
                    if (nextNode != null) {
                        todo.push(nextNode);
                    }
                }
            }
        }
        return seen;
    }

    /**
     * Whether {@code node} is an ancestor or descendant (or itself) of any of {@code others}; through
     * down_revision only, or through depends_on too.
     */
    boolean sharesLineage(RevisionNode node, Collection<RevisionNode> others, boolean includeDependencies) {
        if (others.isEmpty()) {
            return true;
        }
        List<RevisionNode> one = List.of(node);
        Set<RevisionNode> lineage = new LinkedHashSet<>(includeDependencies ? descendants(one) : versionedDescendants(one));
        lineage.addAll(includeDependencies ? ancestors(one) : versionedAncestors(one));
        for (RevisionNode other : others) {
            if (lineage.contains(other)) {
                return true;
            }
        }
        return false;
    }
}

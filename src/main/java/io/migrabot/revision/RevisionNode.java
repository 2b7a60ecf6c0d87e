package io.migrabot.revision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A revision placed in a {@link RevisionGraph}: its declaration plus what the graph knows about it (children,
 * resolved dependencies, the branch labels it inherits). Read-only once the graph is built.
 */
public final class RevisionNode {
    private final Revision revision;
    private final int order;
    /** Children through down_revision only (Alembic's {@code nextrev}). */
    final Set<String> children = new LinkedHashSet<>();
    /** Children through down_revision or depends_on (Alembic's {@code _all_nextrev}). */
    final Set<String> allChildren = new LinkedHashSet<>();
    /** depends_on entries turned into revision ids. */
    List<String> resolvedDependencies = List.of();
    /** resolved dependencies minus those an ancestor already depends on. */
    List<String> normalizedDependencies = List.of();
    /** Declared labels plus those inherited along the branch. */
    final Set<String> branchLabels = new TreeSet<>();

    RevisionNode(Revision revision, int order) {
        this.revision = revision;
        this.order = order;
        branchLabels.addAll(revision.branchLabels());
    }

    public Revision revision() {
        return revision;
    }

    public String id() {
        return revision.id();
    }

    /** Position in load order; ties in traversal order are broken by it, as Alembic breaks them by load order. */
    public int order() {
        return order;
    }

    /** No revision names this one as its down_revision (Alembic's "effective head" when others depend on it). */
    public boolean isHead() {
        return children.isEmpty();
    }

    /** No revision names this one as down_revision or in depends_on. */
    public boolean isRealHead() {
        return allChildren.isEmpty();
    }

    public boolean isBase() {
        return revision.isBase();
    }

    public boolean isRealBase() {
        return revision.isBase() && revision.dependsOn().isEmpty();
    }

    public boolean isBranchPoint() {
        return children.size() > 1;
    }

    public boolean isRealBranchPoint() {
        return allChildren.size() > 1;
    }

    public boolean isMergePoint() {
        return revision.isMergePoint();
    }

    /** Versioned children, sorted by id (Alembic keeps them in a set, so it has no order of its own). */
    public List<String> children() {
        return List.copyOf(new TreeSet<>(children));
    }

    /** Effective branch labels, sorted. */
    public Set<String> branchLabels() {
        return Collections.unmodifiableSet(branchLabels);
    }

    public List<String> downRevisions() {
        return revision.downRevisions();
    }

    /** The revisions {@code depends_on} names, as ids (labels resolved); entries naming no revision are left out. */
    public List<String> dependencies() {
        return resolvedDependencies;
    }

    /** Versioned parents followed by the dependencies ancestors do not already carry. */
    List<String> normalizedDownRevisions() {
        return dedupe(revision.downRevisions(), normalizedDependencies);
    }

    /** Versioned parents followed by every resolved dependency. */
    List<String> allDownRevisions() {
        return dedupe(revision.downRevisions(), resolvedDependencies);
    }

    private static List<String> dedupe(List<String> first, List<String> second) {
        if (second.isEmpty() && (first.size() < 2 || (first.size() == 2 && !first.get(0).equals(first.get(1))))) {
            return first; // nothing to drop (the common case: one parent, or a merge of two, no depends_on)
        }
        LinkedHashSet<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return new ArrayList<>(all);
    }

    @Override
    public String toString() {
        return revision.id();
    }
}

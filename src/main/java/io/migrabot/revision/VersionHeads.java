package io.migrabot.revision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The heads recorded in a version table, and how each migration step changes them, with the rules of Alembic's
 * HeadMaintainer: a step from a base or onto a new branch inserts a row, a merge deletes all but one parent row
 * and updates that one, an unmerge inserts rows for the parents no other head needs, a downgrade of a base (or of
 * a revision whose parents other heads still imply) deletes its row, and anything else updates one row.
 * Following these rules exactly is what lets Alembic and migrabot take turns on one database. Stamping follows
 * Alembic's stamp: each destination moves the recorded heads on its lineage up or down to it in one step, or is
 * recorded as a new branch.
 */
public final class VersionHeads {
    private final RevisionGraph graph;
    private final Set<String> heads;

    public VersionHeads(RevisionGraph graph, Collection<String> current) {
        this.graph = graph;
        this.heads = new LinkedHashSet<>(current);
    }

    /** The heads now recorded, in the order they were recorded. */
    public List<String> heads() {
        return List.copyOf(heads);
    }

    /** Applies one upgrade or downgrade step of {@code revision}; returns the changes, in order. */
    public List<VersionChange> step(RevisionNode revision, boolean upgrade) {
        List<String> down = revision.normalizedDownRevisions();
        List<VersionChange> changes = new ArrayList<>();
        if (!upgrade && heads.contains(revision.id()) && (down.isEmpty() || unmergeTargets(revision).isEmpty())) {
            delete(revision.id(), changes);
        } else if (upgrade && (down.isEmpty() || intersection(down).isEmpty())) {
            insert(revision.id(), changes);
        } else if (upgrade && down.size() > 1 && intersection(down).size() > 1) {
            List<String> from = new ArrayList<>(down);
            Set<String> others = new LinkedHashSet<>(heads);
            down.forEach(others::remove);
            if (!others.isEmpty()) {
                from.removeAll(ancestorIds(others));
            }
            for (String gone : from.subList(0, from.size() - 1)) {
                delete(gone, changes);
            }
            update(from.get(from.size() - 1), revision.id(), changes);
        } else if (!upgrade && heads.contains(revision.id()) && down.size() > 1) {
            List<String> to = unmergeTargets(revision);
            for (String added : to.subList(0, to.size() - 1)) {
                insert(added, changes);
            }
            update(revision.id(), to.get(to.size() - 1), changes);
        } else {
            String parent;
            if (down.size() == 1) {
                parent = down.get(0);
            } else {
                List<String> present = intersection(down);
                if (present.size() != 1) {
                    throw RevisionException.other("Can't do an UPDATE because downrevision is ambiguous");
                }
                parent = present.get(0);
            }
            if (upgrade) {
                update(parent, revision.id(), changes);
            } else {
                update(revision.id(), parent, changes);
            }
        }
        return changes;
    }

    /**
     * Stamps the table with {@code destinations} (revision arguments; none or {@code base} clears the heads they
     * concern) without running migrations. With {@code purge}, every row is deleted first.
     */
    public List<VersionChange> stamp(List<String> destinations, boolean purge) {
        List<VersionChange> changes = new ArrayList<>();
        if (purge) {
            for (String head : List.copyOf(heads)) {
                delete(head, changes);
            }
        }
        for (StampStep step : stampSteps(destinations.isEmpty() ? List.of("base") : destinations)) {
            applyStamp(step, changes);
        }
        return changes;
    }

    /** Alembic's StampStep: from some recorded heads to at most one revision, up or down. */
    private record StampStep(List<String> from, List<String> to, boolean upgrade, boolean branchMove) {
    }

    /** Plans a stamp as Alembic's _stamp_revs does, from the heads recorded before it starts. */
    private List<StampStep> stampSteps(List<String> targets) {
        RevisionResolver resolver = graph.resolver();
        Set<RevisionNode> onLineage = new LinkedHashSet<>();
        for (String target : targets) {
            if (!target.isEmpty()) {
                onLineage.addAll(resolver.filterForLineage(resolver.resolveAll(heads), target, true));
            }
        }
        List<String> lineage = RevisionResolver.idsOf(onLineage);
        List<RevisionNode> dests = new ArrayList<>(resolver.resolveAll(targets));
        if (dests.isEmpty()) {
            dests.add(null);
        }
        List<StampStep> steps = new ArrayList<>();
        for (RevisionNode dest : dests) {
            if (dest == null) {
                for (String head : lineage) {
                    steps.add(new StampStep(List.of(head), List.of(), false, true));
                }
            } else if (dest == RevisionResolver.BASE) {
                throw RevisionException.other("Cannot stamp a relative revision that walks below the bases");
            } else if (!onLineage.contains(dest)) {
                if (!Collections.disjoint(graph.descendants(List.of(dest)), onLineage)) {
                    steps.add(new StampStep(lineage, List.of(dest.id()), false, false));
                } else if (!Collections.disjoint(graph.ancestors(List.of(dest)), onLineage)) {
                    steps.add(new StampStep(lineage, List.of(dest.id()), true, false));
                } else {
                    steps.add(new StampStep(List.of(), List.of(dest.id()), true, true));
                }
            }
        }
        return steps;
    }

    /** Applies one stamp step with HeadMaintainer's rules, checked in its order. */
    private void applyStamp(StampStep step, List<VersionChange> changes) {
        if (!step.upgrade() && step.branchMove()) {
            delete(step.from().get(0), changes);
        } else if (step.upgrade() && (step.branchMove() || !heads.containsAll(step.from()))
                && !heads.containsAll(step.to())) {
            insert(step.to().get(0), changes);
        } else if (step.from().size() > 1) {
            for (String gone : step.from().subList(0, step.from().size() - 1)) {
                delete(gone, changes);
            }
            update(step.from().get(step.from().size() - 1), step.to().get(0), changes);
        } else if (step.from().size() == 1 && step.to().size() == 1) {
            update(step.from().get(0), step.to().get(0), changes);
        } else {
            throw RevisionException.other("Cannot stamp from " + step.from() + " to " + step.to());
        }
    }

    /** The parents a downgrade of a merge point must record: those no other current head already implies. */
    private List<String> unmergeTargets(RevisionNode revision) {
        Set<String> others = new LinkedHashSet<>(heads);
        others.remove(revision.id());
        List<String> to = new ArrayList<>(revision.normalizedDownRevisions());
        if (!others.isEmpty()) {
            to.removeAll(ancestorIds(others));
        }
        return to;
    }

    private Set<String> ancestorIds(Collection<String> ids) {
        List<RevisionNode> nodes = new ArrayList<>();
        for (String id : ids) {
            graph.find(id).ifPresent(nodes::add);
        }
        Set<String> out = new LinkedHashSet<>();
        for (RevisionNode node : graph.ancestors(nodes)) {
            out.add(node.id());
        }
        return out;
    }

    private List<String> intersection(List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (heads.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private void insert(String version, List<VersionChange> changes) {
        if (!heads.add(version)) {
            throw RevisionException.other("Revision " + version + " is already recorded in the version table");
        }
        changes.add(new VersionChange.Insert(version));
    }

    private void delete(String version, List<VersionChange> changes) {
        if (!heads.remove(version)) {
            throw RevisionException.other("Revision " + version + " is not recorded in the version table");
        }
        changes.add(new VersionChange.Delete(version));
    }

    private void update(String from, String to, List<VersionChange> changes) {
        if (heads.contains(to) || !heads.remove(from)) {
            throw RevisionException.other("Cannot move the version table from " + from + " to " + to
                    + " with heads " + heads);
        }
        heads.add(to);
        changes.add(new VersionChange.Update(from, to));
    }
}

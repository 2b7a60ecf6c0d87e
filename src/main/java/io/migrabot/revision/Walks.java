package io.migrabot.revision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Upgrade paths from base that pass through given states of a schema, with few replays of shared ancestors. The
 * state at a revision is what upgrading an empty database to that revision alone leaves: its ancestors and
 * dependencies, in the order Alembic runs them. A path is in that state right after applying the revision only
 * when its steps so far are exactly the revision's own plan, in order; a sibling branch applied earlier adds its
 * objects, and the same revisions in another order can differ too (two branches adding columns to one table).
 */
public final class Walks {
    private final RevisionGraph graph;
    private final Map<String, List<RevisionNode>> plans = new HashMap<>();

    public Walks(RevisionGraph graph) {
        this.graph = graph;
    }

    /** A state to read along a walk: after its first {@code after} steps, stored under {@code key}. */
    public record Snapshot(int after, String key) {
    }

    /** Steps to apply, in order, to an empty database, and the states to read on the way (ordered by step). */
    public record Walk(List<RevisionNode> steps, List<Snapshot> snapshots) {
        public Walk {
            steps = List.copyOf(steps);
            snapshots = List.copyOf(snapshots);
        }
    }

    /** What upgrading an empty database to all of {@code ids} runs, in order; empty for none (base). */
    public List<RevisionNode> plan(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<RevisionNode> steps = new ArrayList<>(graph.traversal().iterate(RevisionSpec.ofIds(ids), RevisionSpec.NONE,
                RevisionTraversal.Options.UPGRADE));
        Collections.reverse(steps);
        return List.copyOf(steps);
    }

    /**
     * Walks that together pass through the state at each of {@code wanted} (revision ids) once, each snapshot keyed
     * by its revision id. Each walk goes to the newest revision still missing, so that it passes through as many of
     * the missing ones as it can; the revisions it cannot reach in their own state (those of a branch its plan
     * applied after a sibling branch) get a walk of their own later.
     */
    public List<Walk> covering(Collection<String> wanted) {
        Set<String> missing = new LinkedHashSet<>(wanted);
        List<RevisionNode> order = plan(graph.realHeads());
        List<Walk> walks = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0 && !missing.isEmpty(); i--) {
            RevisionNode newest = order.get(i);
            if (missing.contains(newest.id())) {
                List<RevisionNode> steps = plan(List.of(newest.id()));
                walks.add(new Walk(steps, passing(steps, missing)));
            }
        }
        return walks;
    }

    /**
     * One walk to the state at {@code heads} together (base when empty), snapshotted under {@code key} at its end,
     * also passing through the state at each of {@code wanted} that its steps reach on the way.
     */
    public Walk to(List<String> heads, String key, Collection<String> wanted) {
        List<RevisionNode> steps = plan(heads);
        List<Snapshot> snapshots = new ArrayList<>(passing(steps, new LinkedHashSet<>(wanted)));
        Snapshot end = new Snapshot(steps.size(), key);
        if (!snapshots.contains(end)) {
            snapshots.add(end);
        }
        return new Walk(steps, snapshots);
    }

    /** The snapshots of {@code missing} revisions whose state {@code steps} pass through; those are removed. */
    private List<Snapshot> passing(List<RevisionNode> steps, Set<String> missing) {
        List<Snapshot> snapshots = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            String id = steps.get(i).id();
            if (missing.contains(id) && ownPlan(id).equals(steps.subList(0, i + 1))) {
                snapshots.add(new Snapshot(i + 1, id));
                missing.remove(id);
            }
        }
        return snapshots;
    }

    private List<RevisionNode> ownPlan(String id) {
        return plans.computeIfAbsent(id, r -> plan(List.of(r)));
    }
}

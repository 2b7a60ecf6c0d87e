package io.migrabot.revision;

import io.migrabot.revision.Walks.Snapshot;
import io.migrabot.revision.Walks.Walk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.migrabot.revision.Revisions.chain;
import static io.migrabot.revision.Revisions.dependent;
import static io.migrabot.revision.Revisions.graph;
import static io.migrabot.revision.Revisions.ids;
import static io.migrabot.revision.Revisions.merge;
import static io.migrabot.revision.Revisions.rev;
import static org.assertj.core.api.Assertions.assertThat;

class WalksTest {
    /** root <- aaaa <- {b1b1 <- b2b2, c1c1} <- mmmm(b2b2, c1c1) <- topp. */
    private final RevisionGraph diamond = graph(rev("root"), rev("aaaa", "root"), rev("b1b1", "aaaa"),
            rev("b2b2", "b1b1"), rev("c1c1", "aaaa"), merge("mmmm", "b2b2", "c1c1"), rev("topp", "mmmm"));

    private static List<String> allIds(RevisionGraph graph) {
        return graph.nodes().stream().map(RevisionNode::id).toList();
    }

    /** Every snapshot of one revision sits right after exactly that revision's own upgrade plan. */
    private static void assertEachSnapshotIsItsRevisionsOwnState(RevisionGraph graph, List<Walk> walks) {
        for (Walk walk : walks) {
            for (Snapshot snapshot : walk.snapshots()) {
                assertThat(ids(walk.steps().subList(0, snapshot.after())))
                        .as("the steps before snapshot %s", snapshot.key())
                        .isEqualTo(ids(graph.traversal().upgradePlan(snapshot.key(), List.of())));
            }
        }
    }

    private static List<String> keys(List<Walk> walks) {
        List<String> keys = new ArrayList<>();
        walks.forEach(w -> w.snapshots().forEach(s -> keys.add(s.key())));
        return keys;
    }

    @Test
    void aForkAndAMergeTakeOneWalkPerBranchTheMergeCannotShowAlone() {
        List<Walk> walks = new Walks(diamond).covering(allIds(diamond));
        assertEachSnapshotIsItsRevisionsOwnState(diamond, walks);
        assertThat(keys(walks)).containsExactlyInAnyOrderElementsOf(allIds(diamond));
        // The walk to the head applies c1c1 before b1b1, so b1b1 and b2b2 are seen alone only on a walk of their own.
        assertThat(walks).extracting(w -> ids(w.steps())).containsExactly(
                List.of("root", "aaaa", "c1c1", "b1b1", "b2b2", "mmmm", "topp"),
                List.of("root", "aaaa", "b1b1", "b2b2"));
    }

    @Test
    void aLinearHistoryIsOneWalkWithASnapshotAfterEveryStep() {
        RevisionGraph linear = RevisionGraph.of(chain("r", 50));
        List<Walk> walks = new Walks(linear).covering(allIds(linear));
        assertThat(walks).singleElement().satisfies(w -> {
            assertThat(w.steps()).hasSize(50);
            assertThat(w.snapshots()).extracting(Snapshot::after).containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, 50).boxed().toList());
        });
    }

    @Test
    void aDependencyIsPartOfTheStateOfTheRevisionThatDependsOnIt() {
        RevisionGraph g = graph(rev("x1x1"), rev("y1y1"), dependent("y2y2", List.of("x1x1"), "y1y1"));
        List<Walk> walks = new Walks(g).covering(allIds(g));
        assertEachSnapshotIsItsRevisionsOwnState(g, walks);
        assertThat(walks).extracting(w -> ids(w.steps())).containsExactly(List.of("x1x1", "y1y1", "y2y2"),
                List.of("y1y1"));
    }

    @Test
    void onlyTheWantedRevisionsAreWalkedTo() {
        List<Walk> walks = new Walks(diamond).covering(Set.of("c1c1"));
        assertThat(walks).singleElement().satisfies(w -> {
            assertThat(ids(w.steps())).containsExactly("root", "aaaa", "c1c1");
            assertThat(w.snapshots()).containsExactly(new Snapshot(3, "c1c1"));
        });
        assertThat(new Walks(diamond).covering(Set.of())).isEmpty();
    }

    @Test
    void aWalkToSeveralHeadsEndsInTheirJointStateAndPassesThroughWantedOnes() {
        Walk walk = new Walks(diamond).to(List.of("b2b2", "c1c1"), "b2b2+c1c1", Set.of("aaaa", "b1b1", "c1c1"));
        assertThat(ids(walk.steps())).containsExactlyInAnyOrder("root", "aaaa", "b1b1", "b2b2", "c1c1");
        assertThat(walk.snapshots()).last().isEqualTo(new Snapshot(5, "b2b2+c1c1"));
        assertThat(walk.snapshots()).extracting(Snapshot::key).contains("aaaa");
        assertEachSnapshotIsItsRevisionsOwnState(diamond, List.of(new Walk(walk.steps(),
                walk.snapshots().subList(0, walk.snapshots().size() - 1))));
    }

    @Test
    void aWalkToBaseHasNoStepsAndOneSnapshot() {
        Walk walk = new Walks(diamond).to(List.of(), "", Set.of("aaaa"));
        assertThat(walk.steps()).isEmpty();
        assertThat(walk.snapshots()).containsExactly(new Snapshot(0, ""));
    }

    @Test
    void aWalkToOneWantedRevisionSnapshotsItOnce() {
        Walk walk = new Walks(diamond).to(List.of("c1c1"), "c1c1", Set.of("c1c1"));
        assertThat(walk.snapshots()).containsExactly(new Snapshot(3, "c1c1"));
    }
}

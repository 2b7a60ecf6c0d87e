package io.migrabot.revision;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.migrabot.revision.Revisions.dependent;
import static io.migrabot.revision.Revisions.graph;
import static io.migrabot.revision.Revisions.ids;
import static io.migrabot.revision.Revisions.labelled;
import static io.migrabot.revision.Revisions.merge;
import static io.migrabot.revision.Revisions.rev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionTraversalTest {
    /** base <- a <- {b1 <- b2, c1} <- m(b2, c1) <- top. */
    private final RevisionGraph diamond = graph(rev("base"), rev("aaaa", "base"), rev("b1b1", "aaaa"),
            rev("b2b2", "b1b1"), rev("c1c1", "aaaa"), merge("mmmm", "b2b2", "c1c1"), rev("topp", "mmmm"));

    private List<String> upgrade(RevisionGraph g, String destination, String... current) {
        return ids(g.traversal().upgradePlan(destination, List.of(current)));
    }

    private List<String> downgrade(RevisionGraph g, String destination, String... current) {
        return ids(g.traversal().downgradePlan(destination, List.of(current)));
    }

    @Test
    void upgradeFromEmptyRunsParentsBeforeChildrenOneBranchAtATime() {
        assertThat(upgrade(diamond, "head")).containsExactly("base", "aaaa", "c1c1", "b1b1", "b2b2", "mmmm", "topp");
    }

    @Test
    void upgradeFromTheMiddleRunsOnlyWhatIsMissing() {
        assertThat(upgrade(diamond, "head", "b2b2", "c1c1")).containsExactly("mmmm", "topp");
        assertThat(upgrade(diamond, "mmmm", "b1b1")).containsExactly("c1c1", "b2b2", "mmmm");
    }

    @Test
    void relativeUpgradeWalksFromTheCurrentRevision() {
        assertThat(upgrade(diamond, "+1", "mmmm")).containsExactly("topp");
        assertThatThrownBy(() -> upgrade(diamond, "+5", "mmmm"))
                .hasMessage("Relative revision +5 didn't produce 5 migrations");
    }

    @Test
    void downgradeRunsChildrenBeforeParents() {
        assertThat(downgrade(diamond, "aaaa", "topp")).containsExactly("topp", "mmmm", "b2b2", "b1b1", "c1c1");
        assertThat(downgrade(diamond, "base", "topp")).hasSize(7).endsWith("base");
    }

    @Test
    void relativeDowngradeStepsDownFromTheCurrentRevision() {
        assertThat(downgrade(diamond, "-1", "topp")).containsExactly("topp");
        assertThatThrownBy(() -> downgrade(diamond, "-1"))
                .hasMessage("Relative revision -1 didn't produce 1 migrations");
    }

    @Test
    void downgradeToARevisionNotBelowTheCurrentOneHasNothingToDrop() {
        assertThatThrownBy(() -> downgrade(diamond, "c1c1", "b2b2"))
                .isInstanceOfSatisfying(RevisionException.class, e -> assertThat(e.kind())
                        .isEqualTo(RevisionException.Kind.RANGE_NOT_ANCESTOR));
    }

    @Test
    void upgradeOfOneBranchLeavesTheOtherAlone() {
        RevisionGraph g = graph(rev("root"), labelled("left", "l", "root"), rev("lef2", "left"),
                labelled("rite", "r", "root"));
        assertThat(upgrade(g, "l@head", "root")).containsExactly("left", "lef2");
        assertThat(upgrade(g, "heads", "root")).containsExactly("rite", "left", "lef2");
    }

    @Test
    void dependencyRunsBeforeTheRevisionThatDependsOnIt() {
        RevisionGraph g = graph(rev("x1x1"), rev("y1y1"), dependent("y2y2", List.of("x1x1"), "y1y1"));
        assertThat(upgrade(g, "y2y2")).containsExactly("x1x1", "y1y1", "y2y2");
    }

    @Test
    void historyRangeIsInclusiveAndNewestFirst() {
        List<RevisionNode> range = diamond.traversal().iterate(RevisionSpec.of("mmmm"), RevisionSpec.of("b1b1"),
                RevisionTraversal.Options.HISTORY);
        assertThat(ids(range)).containsExactly("mmmm", "b2b2", "b1b1");
    }

    @Test
    void historyRangeAcrossBranchesIsRefused() {
        assertThatThrownBy(() -> diamond.traversal().iterate(RevisionSpec.of("b2b2"), RevisionSpec.of("c1c1"),
                RevisionTraversal.Options.HISTORY))
                .hasMessage("Revision c1c1 is not an ancestor of revision b2b2");
    }

    @Test
    void overlappingTargetsAreRefused() {
        assertThatThrownBy(() -> diamond.traversal().iterate(RevisionSpec.ofIds(List.of("topp", "aaaa")),
                RevisionSpec.NONE, RevisionTraversal.Options.UPGRADE))
                .hasMessage("Requested revision topp overlaps with other requested revisions aaaa");
    }
}

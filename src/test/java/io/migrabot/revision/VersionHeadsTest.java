package io.migrabot.revision;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.migrabot.revision.Revisions.graph;
import static io.migrabot.revision.Revisions.merge;
import static io.migrabot.revision.Revisions.rev;
import static org.assertj.core.api.Assertions.assertThat;

/** The version table's rows across forks and merges, step by step, as Alembic changes them. */
class VersionHeadsTest {
    /** root <- {left, right} <- join(left, right). */
    private final RevisionGraph g = graph(rev("root"), rev("left", "root"), rev("rite", "root"),
            merge("join", "left", "rite"));

    private List<String> steps(VersionHeads table, boolean upgrade, String... ids) {
        List<String> out = new java.util.ArrayList<>();
        for (String id : ids) {
            table.step(g.node(id), upgrade).forEach(c -> out.add(c.toString()));
        }
        return out;
    }

    @Test
    void upgradingThroughAForkAndAMergeInsertsUpdatesAndDeletesRows() {
        VersionHeads table = new VersionHeads(g, List.of());
        assertThat(steps(table, true, "root", "left", "rite")).containsExactly(
                "insert root", "update root -> left", "insert rite");
        assertThat(table.heads()).containsExactlyInAnyOrder("left", "rite");
        assertThat(steps(table, true, "join")).containsExactly("delete left", "update rite -> join");
        assertThat(table.heads()).containsExactly("join");
    }

    @Test
    void downgradingAMergeRestoresBothParents() {
        VersionHeads table = new VersionHeads(g, List.of("join"));
        assertThat(steps(table, false, "join")).containsExactly("insert left", "update join -> rite");
        assertThat(steps(table, false, "rite")).containsExactly("delete rite");
        assertThat(steps(table, false, "left", "root")).containsExactly("update left -> root", "delete root");
        assertThat(table.heads()).isEmpty();
    }

    @Test
    void stampToAnUnrelatedBranchAddsARowAndStampBaseClearsTheTable() {
        RevisionGraph two = graph(rev("a1a1"), rev("b1b1"));
        VersionHeads table = new VersionHeads(two, List.of("a1a1"));
        assertThat(table.stamp(List.of("b1b1"), false)).extracting(Object::toString).containsExactly("insert b1b1");
        assertThat(table.stamp(List.of("base"), false)).extracting(Object::toString)
                .containsExactlyInAnyOrder("delete a1a1", "delete b1b1");
    }

    @Test
    void stampDownFromTwoHeadsMergesThemIntoTheDestination() {
        VersionHeads table = new VersionHeads(g, List.of("left", "rite"));
        assertThat(table.stamp(List.of("root"), false)).extracting(Object::toString)
                .containsExactly("delete left", "update rite -> root");
        assertThat(table.heads()).containsExactly("root");
    }

    @Test
    void stampWithPurgeStartsFromAnEmptyTable() {
        VersionHeads table = new VersionHeads(g, List.of("left"));
        assertThat(table.stamp(List.of("root"), true)).extracting(Object::toString)
                .containsExactly("delete left", "insert root");
    }
}

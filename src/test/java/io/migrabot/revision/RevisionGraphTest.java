package io.migrabot.revision;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.migrabot.revision.Revisions.dependent;
import static io.migrabot.revision.Revisions.graph;
import static io.migrabot.revision.Revisions.labelled;
import static io.migrabot.revision.Revisions.merge;
import static io.migrabot.revision.Revisions.rev;
import static org.assertj.core.api.Assertions.assertThat;

class RevisionGraphTest {

    @Test
    void linearHistoryHasOneHeadAndOneBase() {
        RevisionGraph g = graph(rev("a1"), rev("b2", "a1"), rev("c3", "b2"));
        assertThat(g.heads()).containsExactly("c3");
        assertThat(g.bases()).containsExactly("a1");
        assertThat(g.problems()).isEmpty();
        assertThat(g.node("b2").isBranchPoint()).isFalse();
    }

    @Test
    void forkMakesABranchPointAndTwoHeadsInLoadOrder() {
        RevisionGraph g = graph(rev("base"), rev("left", "base"), rev("right", "base"));
        assertThat(g.heads()).containsExactly("left", "right");
        assertThat(g.node("base").isBranchPoint()).isTrue();
        assertThat(g.node("base").children()).containsExactly("left", "right");
    }

    @Test
    void mergeJoinsHeadsIntoOne() {
        RevisionGraph g = graph(rev("a"), rev("b", "a"), rev("c", "a"), merge("m", "b", "c"));
        assertThat(g.heads()).containsExactly("m");
        assertThat(g.node("m").isMergePoint()).isTrue();
    }

    @Test
    void severalBasesAreAllListed() {
        RevisionGraph g = graph(rev("x1"), rev("y1"), rev("x2", "x1"));
        assertThat(g.bases()).containsExactly("x1", "y1");
        assertThat(g.heads()).containsExactly("y1", "x2");
    }

    @Test
    void dependencyMakesEffectiveHeadButNotRealHead() {
        RevisionGraph g = graph(rev("a1"), rev("b1"), dependent("b2", List.of("a1"), "b1"));
        assertThat(g.heads()).containsExactly("a1", "b2");
        assertThat(g.realHeads()).containsExactly("b2");
        assertThat(g.node("a1").isHead()).isTrue();
        assertThat(g.node("a1").isRealHead()).isFalse();
    }

    @Test
    void dependencyOnABranchLabelResolvesToTheLabelledRevision() {
        RevisionGraph g = graph(labelled("a1", "alpha"), rev("b1"), dependent("b2", List.of("alpha"), "b1"));
        assertThat(g.problems()).isEmpty();
        assertThat(g.node("a1").isRealHead()).isFalse();
        assertThat(g.node("b2").dependencies()).containsExactly("a1");
    }

    @Test
    void branchLabelExtendsToDescendantsAndDownToTheBranchPoint() {
        RevisionGraph g = graph(rev("root"), rev("l1", "root"), labelled("l2", "left", "l1"), rev("l3", "l2"),
                rev("r1", "root"));
        assertThat(g.node("l1").branchLabels()).containsExactly("left");
        assertThat(g.node("l3").branchLabels()).containsExactly("left");
        assertThat(g.node("root").branchLabels()).isEmpty();
        assertThat(g.node("r1").branchLabels()).isEmpty();
    }

    @Test
    void branchLabelOnLinearHistoryCoversEveryRevision() {
        RevisionGraph g = graph(rev("a"), labelled("b", "main", "a"), rev("c", "b"));
        assertThat(g.node("a").branchLabels()).containsExactly("main");
        assertThat(g.node("c").branchLabels()).containsExactly("main");
    }

    @Test
    void duplicateRevisionIdIsAProblemNamingBothFiles() {
        RevisionGraph g = graph(rev("a"), new Revision("a", List.of(), List.of(), List.of(), "", "other.py"));
        assertThat(g.problems()).extracting(Problem::kind).containsExactly(ProblemKind.DUPLICATE_REVISION);
        assertThat(g.problems().get(0).message()).isEqualTo("Revision a is present more than once (also in a.py)");
        assertThat(g.problems().get(0).location()).isEqualTo("other.py");
    }

    @Test
    void missingParentUsesAlembicWording() {
        RevisionGraph g = graph(rev("a"), rev("b", "gone"));
        assertThat(g.problems()).extracting(Problem::message)
                .containsExactly("Revision gone referenced from b is not present");
    }

    @Test
    void missingDependencyIsAProblem() {
        RevisionGraph g = graph(rev("a"), dependent("b", List.of("nothere"), "a"));
        assertThat(g.problems()).extracting(Problem::kind).containsExactly(ProblemKind.MISSING_DEPENDENCY);
    }

    @Test
    void cycleIsDetectedWithSortedMembers() {
        RevisionGraph g = graph(rev("a"), rev("c", "b"), rev("b", "c"), rev("d", "a"));
        assertThat(g.problems()).extracting(Problem::message)
                .containsExactly("Cycle is detected in revisions (b, c)");
    }

    @Test
    void wholeGraphCycleIsDetected() {
        RevisionGraph g = graph(rev("a", "b"), rev("b", "a"));
        assertThat(g.problems()).extracting(Problem::kind).containsExactly(ProblemKind.CYCLE);
    }

    @Test
    void dependencyCycleIsDetected() {
        RevisionGraph g = graph(dependent("a", List.of("b")), dependent("b", List.of("a")));
        assertThat(g.problems()).extracting(Problem::message)
                .containsExactly("Dependency cycle is detected in revisions (a, b)");
    }

    @Test
    void selfLoopIsReportedAndDropped() {
        RevisionGraph g = graph(rev("a", "a"));
        assertThat(g.problems()).extracting(Problem::message)
                .containsExactly("Self-loop is detected in revisions (a)");
        assertThat(g.bases()).containsExactly("a");
    }

    @Test
    void illegalCharactersInIdAreReportedAsAlembicWordsThem() {
        RevisionGraph g = graph(rev("a-b+c"));
        assertThat(g.problems()).extracting(Problem::message)
                .containsExactly("Character(s) '+, -' not allowed in revision identifier 'a-b+c'");
    }

    @Test
    void branchLabelUsedTwiceIsAProblem() {
        RevisionGraph g = graph(labelled("a", "x"), labelled("b", "x", "a"));
        assertThat(g.problems()).extracting(Problem::message)
                .containsExactly("Branch name 'x' in revision b already used by revision a");
    }

    @Test
    void branchLabelEqualToARevisionIdIsAProblem() {
        RevisionGraph g = graph(rev("abcd"), labelled("b", "abcd", "abcd"));
        assertThat(g.problems()).extracting(Problem::kind).containsExactly(ProblemKind.DUPLICATE_BRANCH_LABEL);
    }

    @Test
    void emptyGraphHasNoHeadsNoProblems() {
        RevisionGraph g = graph();
        assertThat(g.heads()).isEmpty();
        assertThat(g.problems()).isEmpty();
    }
}

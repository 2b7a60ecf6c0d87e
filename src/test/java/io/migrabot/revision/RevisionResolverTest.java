package io.migrabot.revision;

import org.junit.jupiter.api.Test;

import static io.migrabot.revision.Revisions.graph;
import static io.migrabot.revision.Revisions.ids;
import static io.migrabot.revision.Revisions.labelled;
import static io.migrabot.revision.Revisions.merge;
import static io.migrabot.revision.Revisions.rev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionResolverTest {
    /** base1 <- a1b2 <- c3d4 (label "main") and a second branch base1 <- e5f6 (label "side"). */
    private final RevisionGraph forked = graph(rev("base1"), rev("a1b2", "base1"), labelled("c3d4", "main", "a1b2"),
            labelled("e5f6", "side", "base1"));
    private final RevisionResolver r = forked.resolver();

    @Test
    void fullIdAndUniquePrefixOfFourOrMoreCharacters() {
        assertThat(r.resolveOne("a1b2").id()).isEqualTo("a1b2");
        RevisionGraph g = graph(rev("ae1027a6acf"), rev("bf02", "ae1027a6acf"));
        assertThat(g.resolver().resolveOne("ae10").id()).isEqualTo("ae1027a6acf");
    }

    @Test
    void shortPrefixMatchesLongIdsButAFailedShortLookupAsksForFourCharacters() {
        RevisionGraph g = graph(rev("ae1027a6acf"));
        assertThat(g.resolver().resolveOne("ae1").id()).isEqualTo("ae1027a6acf");
        assertThatThrownBy(() -> g.resolver().resolveOne("zz1"))
                .hasMessage("No such revision or branch 'zz1'; please ensure at least four characters are present "
                        + "for partial revision identifier matches");
    }

    @Test
    void idsOfThreeCharactersOrFewerAreNeverMatchedByPrefix() {
        RevisionGraph g = graph(rev("abc"), rev("abcd12", "abc"));
        assertThat(g.resolver().resolveOne("ab").id()).isEqualTo("abcd12");
    }

    @Test
    void ambiguousPrefixListsTheFirstThreeCandidates() {
        RevisionGraph g = graph(rev("abcd1"), rev("abcd2", "abcd1"), rev("abcd3", "abcd2"), rev("abcd4", "abcd3"));
        assertThatThrownBy(() -> g.resolver().resolveOne("abcd"))
                .isInstanceOfSatisfying(RevisionException.class, e -> assertThat(e.kind())
                        .isEqualTo(RevisionException.Kind.RESOLUTION))
                .hasMessage("Multiple revisions start with 'abcd': 'abcd1', 'abcd2', 'abcd3'...");
    }

    @Test
    void headIsAnErrorWhenThereAreSeveralHeads() {
        assertThatThrownBy(() -> r.resolveOne("head"))
                .isInstanceOfSatisfying(RevisionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RevisionException.Kind.MULTIPLE_HEADS);
                    assertThat(e.heads()).containsExactly("c3d4", "e5f6");
                });
        assertThat(ids(r.resolveAll("heads"))).containsExactly("c3d4", "e5f6");
    }

    @Test
    void baseNamesNothing() {
        assertThat(r.resolveAll("base")).isEmpty();
        assertThat(r.resolveOne("base")).isNull();
    }

    @Test
    void labelAtHeadNarrowsToTheHeadOfThatBranch() {
        assertThat(r.resolveOne("main@head").id()).isEqualTo("c3d4");
        assertThat(r.resolveOne("side@head").id()).isEqualTo("e5f6");
        assertThat(ids(r.resolveAll("main@heads"))).containsExactly("c3d4");
    }

    @Test
    void labelAloneNamesTheRevisionThatDeclaresIt() {
        assertThat(r.resolveOne("side").id()).isEqualTo("e5f6");
    }

    @Test
    void labelAtRevisionChecksMembership() {
        assertThat(r.resolveOne("main@a1b2").id()).isEqualTo("a1b2");
        assertThatThrownBy(() -> r.resolveOne("side@a1b2"))
                .hasMessage("Revision a1b2 is not a member of branch 'side'");
        assertThatThrownBy(() -> r.resolveOne("nosuch@a1b2")).hasMessage("No such branch: 'nosuch'");
    }

    @Test
    void negativeNumberWalksDownFromEveryHead() {
        assertThat(ids(r.resolveAll("-1"))).containsExactly("a1b2", "base1");
        assertThat(ids(r.resolveAll("main@-1"))).containsExactly("a1b2");
    }

    @Test
    void walksFromANamedRevision() {
        RevisionGraph g = graph(rev("r001"), rev("r002", "r001"), rev("r003", "r002"), rev("r004", "r003"));
        RevisionResolver rr = g.resolver();
        assertThat(rr.walk(rr.resolveOne("r004"), -2, null, true).id()).isEqualTo("r002");
        assertThat(rr.walk(rr.resolveOne("r001"), 3, null, true).id()).isEqualTo("r004");
        assertThat(rr.walk(rr.resolveOne("r001"), -1, null, true)).isSameAs(RevisionResolver.BASE);
        assertThat(rr.walk(rr.resolveOne("r004"), 1, null, true)).isNull();
    }

    @Test
    void walkThroughABranchPointIsAmbiguous() {
        assertThatThrownBy(() -> r.walk(r.resolveOne("base1"), 1, null, true)).hasMessage("Ambiguous walk");
        assertThatThrownBy(() -> graph(rev("a"), rev("b"), merge("m111", "a", "b")).resolver()
                .walk(null, -2, null, true)).hasMessage("Ambiguous walk");
    }

    @Test
    void unknownIdentifierUsesAlembicWords() {
        assertThatThrownBy(() -> r.resolveOne("zzzz")).hasMessage("No such revision or branch 'zzzz'");
    }
}

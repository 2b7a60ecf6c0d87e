package io.migrabot.graph;

import io.migrabot.graph.Scene.Kind;
import io.migrabot.graph.Scene.Link;
import io.migrabot.graph.Scene.LinkKind;
import io.migrabot.graph.Scene.Vertex;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.testing.RandomHistory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.migrabot.graph.Graphs.chain;
import static io.migrabot.revision.Revisions.dependent;
import static io.migrabot.revision.Revisions.graph;
import static io.migrabot.revision.Revisions.labelled;
import static io.migrabot.graph.Graphs.lanes;
import static io.migrabot.revision.Revisions.merge;
import static io.migrabot.revision.Revisions.rev;
import static io.migrabot.graph.GraphLayoutTest.indexOf;
import static org.assertj.core.api.Assertions.assertThat;

/** What a picture shows: the marks, the links, and what is left out of a graph too big to draw whole. */
class GraphCappingTest {
    private static final GraphPicture.Options DEFAULT = GraphPicture.Options.DEFAULT;

    @Test
    void headsBranchPointsMergePointsAndTheDatabasesRevisionsAreMarked() {
        RevisionGraph graph = graph(rev("a"), rev("b", "a"), rev("c", "a"), merge("m", "b", "c"), rev("x"));
        Scene scene = Capping.fit(graph, Set.of("b", "x"), DEFAULT).scene();
        assertThat(marks(scene, "a")).containsExactly(Mark.BRANCH_POINT);
        assertThat(marks(scene, "b")).containsExactly(Mark.CURRENT);
        assertThat(marks(scene, "c")).isEmpty();
        assertThat(marks(scene, "m")).containsExactlyInAnyOrder(Mark.HEAD, Mark.MERGE_POINT);
        assertThat(marks(scene, "x")).containsExactlyInAnyOrder(Mark.HEAD, Mark.CURRENT);
    }

    @Test
    void eachBoxShowsTheIdTheMessageAndTheBranchLabels() {
        RevisionGraph graph = graph(labelled("1975ea83b712abcdef", "accounts"),
                rev("ae1027a6acf9", "1975ea83b712abcdef"));
        Scene scene = Capping.fit(graph, Set.of(), DEFAULT).scene();
        assertThat(vertex(scene, "1975ea83b712abcdef").lines())
                .containsExactly("1975ea83b712abcdef", "msg 1975ea83b712abcdef", "@ accounts");
        assertThat(vertex(scene, "ae1027a6acf9").lines()).containsExactly("ae1027a6acf9", "msg ae1027a6acf9",
                "@ accounts");
        assertThat(scene.header()).containsExactly("2 revisions, 1 head: ae1027a6acf9");
    }

    @Test
    void parentsAreSolidLinksAndDependenciesDashedOnes() {
        RevisionGraph graph = graph(labelled("a1", "alpha"), rev("b1"), dependent("b2", List.of("alpha"), "b1"),
                dependent("b3", List.of("b2"), "b2"));
        Scene scene = Capping.fit(graph, Set.of(), DEFAULT).scene();
        assertThat(scene.links()).containsExactlyInAnyOrder(
                new Link(indexOf(scene, "b1"), indexOf(scene, "b2"), LinkKind.PARENT),
                new Link(indexOf(scene, "a1"), indexOf(scene, "b2"), LinkKind.DEPENDENCY),
                new Link(indexOf(scene, "b2"), indexOf(scene, "b3"), LinkKind.PARENT));
    }

    @Test
    void aSmallGraphIsDrawnWhole() {
        RevisionGraph graph = lanes(new Random(3), 100, 4);
        Scene scene = Capping.fit(graph, Set.of(), DEFAULT).scene();
        assertThat(scene.drawn()).isEqualTo(100);
        assertThat(scene.collapsed()).isZero();
        assertThat(scene.vertices()).noneMatch(v -> v.kind() == Kind.COLLAPSED);
        assertThat(scene.header()).hasSize(1);
    }

    @Test
    void tenThousandRevisionsInALineKeepTheNewestAndCountTheRestInOneOlderBox() {
        RevisionGraph graph = chain(10_000);
        Capping.Fitted fitted = Capping.fit(graph, Set.of(), DEFAULT);
        Scene scene = fitted.scene();
        assertWithin(fitted.layout(), DEFAULT);
        assertThat(scene.drawn()).isBetween(10, DEFAULT.maxRevisions());
        assertThat(marks(scene, "r10000")).containsExactly(Mark.HEAD);
        assertThat(scene.vertices()).filteredOn(v -> v.kind() == Kind.REVISION).extracting(Vertex::id)
                .allMatch(id -> Integer.parseInt(id.substring(1)) > 10_000 - scene.drawn());
        Vertex older = single(scene, Kind.COLLAPSED);
        assertThat(older.hidden()).isEqualTo(scene.collapsed()).isEqualTo(10_000 - scene.drawn());
        assertThat(older.lines().get(0)).isEqualTo(String.format("… %,d older revisions", older.hidden()));
        assertThat(scene.header().get(1)).contains(String.format("%,d more not drawn", scene.collapsed()));
    }

    @Test
    void aDatabaseFarBehindTheHeadIsDrawnWithTheRevisionsBetweenCounted() {
        RevisionGraph graph = chain(10_000);
        Capping.Fitted fitted = Capping.fit(graph, Set.of("r5000"), DEFAULT);
        Scene scene = fitted.scene();
        assertWithin(fitted.layout(), DEFAULT);
        assertThat(marks(scene, "r5000")).containsExactly(Mark.CURRENT);
        assertThat(marks(scene, "r10000")).containsExactly(Mark.HEAD);
        List<Vertex> collapsed = scene.vertices().stream().filter(v -> v.kind() == Kind.COLLAPSED).toList();
        assertThat(collapsed).hasSize(2);
        assertThat(collapsed.stream().mapToInt(Vertex::hidden).sum()).isEqualTo(scene.collapsed());
        int between = scene.vertices().indexOf(collapsed.stream().filter(v -> !v.lines().get(0).contains("older"))
                .findFirst().orElseThrow());
        assertThat(scene.links()).contains(new Link(indexOf(scene, "r5000"), between, LinkKind.PARENT));
        assertThat(scene.links()).anyMatch(l -> l.from() == between && scene.vertices().get(l.to()).id().startsWith("r9"));
    }

    @Test
    void aWideGraphKeepsEveryHeadAndTheDatabasesRevisionWithinTheLimits() {
        RevisionGraph graph = lanes(new Random(5), 10_000, 8);
        Capping.Fitted fitted = Capping.fit(graph, Set.of("w5000"), DEFAULT);
        Scene scene = fitted.scene();
        assertWithin(fitted.layout(), DEFAULT);
        assertThat(graph.heads()).hasSizeBetween(2, 8);
        assertThat(graph.heads()).allMatch(head -> marks(scene, head).contains(Mark.HEAD));
        assertThat(marks(scene, "w5000")).contains(Mark.CURRENT);
        assertThat(scene.drawn()).isLessThanOrEqualTo(DEFAULT.maxRevisions()).isEqualTo(10_000 - scene.collapsed());
        assertThat(scene.vertices()).anyMatch(v -> v.kind() == Kind.COLLAPSED);
    }

    @Test
    void noMoreRevisionsAreDrawnThanTheOptionsAllow() {
        GraphPicture.Options twenty = new GraphPicture.Options(20, 4000, 4000);
        Scene scene = Capping.fit(chain(100), Set.of(), twenty).scene();
        assertThat(scene.drawn()).isEqualTo(20);
        assertThat(scene.vertices()).filteredOn(v -> v.kind() == Kind.REVISION).extracting(Vertex::id)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(81, 100).mapToObj(i -> "r" + i).toList());
    }

    @Test
    void moreHeadsThanFitAreCountedInTheHeader() {
        RevisionGraph graph = RevisionGraph.of(RandomHistory.generate(new Random(11), 3000));
        assertThat(graph.heads().size()).isGreaterThan(100);
        Capping.Fitted fitted = Capping.fit(graph, Set.of(), DEFAULT);
        assertWithin(fitted.layout(), DEFAULT);
        long drawnHeads = fitted.scene().vertices().stream().filter(v -> v.marks().contains(Mark.HEAD)).count();
        assertThat(fitted.scene().header().get(1))
                .endsWith(String.format(", %,d heads among them", graph.heads().size() - drawnHeads));
    }

    @Test
    void revisionsTheDatabaseRecordsButNoScriptDeclaresAreListedNotDrawn() {
        RevisionGraph graph = graph(rev("a"), rev("b", "a"));
        Scene scene = Capping.fit(graph, Set.of("b", "zz99\u0007evil"), DEFAULT).scene();
        assertThat(scene.vertices()).extracting(Vertex::id).containsExactly("a", "b");
        assertThat(scene.header().get(1)).isEqualTo("the database records revisions no script declares: zz99evil");
    }

    @Test
    void aMissingParentGetsABoxOfItsOwnAndTheProblemIsNoted() {
        RevisionGraph graph = graph(rev("a"), rev("orphan", "gone"), merge("m", "a", "orphan"));
        Scene scene = Capping.fit(graph, Set.of(), DEFAULT).scene();
        Vertex missing = single(scene, Kind.MISSING);
        assertThat(missing.id()).isEqualTo("gone");
        assertThat(scene.links()).contains(new Link(indexOf(scene, "gone"), indexOf(scene, "orphan"), LinkKind.PARENT));
        assertThat(scene.header().get(1)).startsWith("1 problem in the script directory");
    }

    @Test
    void revisionsOnACycleAreDrawnThoughNoHeadLeadsToThem() {
        RevisionGraph graph = graph(rev("a"), rev("c1", "c2"), rev("c2", "c1"));
        Scene scene = Capping.fit(graph, Set.of(), DEFAULT).scene();
        assertThat(scene.vertices()).extracting(Vertex::id).containsExactly("a", "c1", "c2");
        assertThat(Capping.nearest(graph, Set.of())).containsExactly("a", "c1", "c2");
    }

    @Test
    void theNearestRevisionsComeFirstTheDatabasesBeforeTheHeads() {
        RevisionGraph graph = graph(rev("a"), rev("b", "a"), rev("c", "b"), rev("d", "c"), rev("x", "a"));
        assertThat(Capping.nearest(graph, Set.of("b", "nowhere"))).containsExactly("b", "d", "x", "a", "c");
    }

    private static void assertWithin(Layout layout, GraphPicture.Options options) {
        assertThat(layout.width()).isLessThanOrEqualTo(options.maxWidth());
        assertThat(layout.height()).isLessThanOrEqualTo(options.maxHeight());
    }

    private static Vertex vertex(Scene scene, String id) {
        return scene.vertices().get(indexOf(scene, id));
    }

    private static Set<Mark> marks(Scene scene, String id) {
        return vertex(scene, id).marks();
    }

    private static Vertex single(Scene scene, Kind kind) {
        List<Vertex> found = scene.vertices().stream().filter(v -> v.kind() == kind).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}

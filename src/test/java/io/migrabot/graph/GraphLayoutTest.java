package io.migrabot.graph;

import io.migrabot.graph.Layout.Box;
import io.migrabot.graph.Layout.Point;
import io.migrabot.graph.Layout.Route;
import io.migrabot.graph.Scene.Link;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.testing.RandomHistory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.migrabot.graph.Graphs.chain;
import static io.migrabot.revision.Revisions.dependent;
import static io.migrabot.revision.Revisions.graph;
import static io.migrabot.revision.Revisions.labelled;
import static io.migrabot.revision.Revisions.merge;
import static io.migrabot.revision.Revisions.rev;
import static io.migrabot.graph.Graphs.whole;
import static org.assertj.core.api.Assertions.assertThat;

/** Where boxes and lines go, checked on coordinates: the layout is pure, the painter only follows it. */
class GraphLayoutTest {

    /** Well-formed graphs, each a shape Alembic projects have; plus random histories. */
    private static Map<String, RevisionGraph> scenarios() {
        Map<String, RevisionGraph> out = new LinkedHashMap<>();
        out.put("linear", chain(6));
        out.put("fork", graph(rev("a"), rev("b", "a"), rev("c", "a")));
        out.put("fork and merge", graph(rev("a"), rev("b", "a"), rev("c", "a"), merge("m", "b", "c"), rev("n", "m")));
        out.put("uneven branches merged", graph(rev("a"), rev("b1", "a"), rev("b2", "b1"), rev("b3", "b2"),
                rev("c1", "a"), merge("m", "b3", "c1")));
        out.put("depends_on across bases", graph(labelled("a1", "alpha"), rev("a2", "a1"), rev("b1"),
                dependent("b2", List.of("alpha"), "b1"), dependent("b3", List.of("a2"), "b2")));
        out.put("several bases", graph(rev("x1"), rev("y1"), rev("x2", "x1"), rev("z1"), merge("m", "x2", "y1")));
        for (int seed = 1; seed <= 12; seed++) {
            out.put("random " + seed, RevisionGraph.of(RandomHistory.generate(new Random(seed), 20 + 10 * seed)));
        }
        return out;
    }

    @Test
    void everyLinkGoesFromAnUpperLayerDownToALowerOne() {
        scenarios().forEach((name, graph) -> {
            assertThat(graph.problems()).as(name).isEmpty();
            Scene scene = whole(graph, Set.of());
            Layout layout = Layout.of(scene);
            for (int i = 0; i < scene.links().size(); i++) {
                Link link = scene.links().get(i);
                Route route = layout.routes().get(i);
                assertThat(route.reversed()).as("%s: link %s", name, link).isFalse();
                assertThat(layout.boxes().get(link.from()).layer())
                        .as("%s: layer of parent %s", name, scene.vertices().get(link.from()).id())
                        .isLessThan(layout.boxes().get(link.to()).layer());
                assertThat(route.points()).as("%s: route of %s", name, link)
                        .isSortedAccordingTo(Comparator.comparingInt(Point::y));
                assertThat(route.points().get(0).y()).isEqualTo(layout.boxes().get(link.from()).y() + layout.boxHeight());
                assertThat(route.points().get(route.points().size() - 1).y()).isEqualTo(layout.boxes().get(link.to()).y());
            }
        });
    }

    @Test
    void boxesOfALayerDoNotOverlapAndStayInThePicture() {
        scenarios().forEach((name, graph) -> assertNoOverlap(name, Layout.of(whole(graph, Set.of()))));
    }

    @Test
    void basesAreAtTheTopAndEachRevisionJustBelowItsLowestParent() {
        RevisionGraph graph = graph(rev("a"), rev("b1", "a"), rev("b2", "b1"), rev("c1", "a"), merge("m", "b2", "c1"));
        Scene scene = whole(graph, Set.of());
        Layout layout = Layout.of(scene);
        assertThat(layersById(scene, layout)).containsExactlyInAnyOrderEntriesOf(
                Map.of("a", 0, "b1", 1, "b2", 2, "c1", 1, "m", 3));
        assertThat(layout.layers()).isEqualTo(4);
        assertThat(layout.height()).isEqualTo(layout.top(4) - Layout.LAYER_GAP + Layout.MARGIN);
    }

    @Test
    void branchesLoadedInterleavedAreNotDrawnCrossing() {
        RevisionGraph graph = graph(rev("base"), rev("x1", "base"), rev("y1", "base"), rev("y2", "y1"),
                rev("x2", "x1"), rev("y3", "y2"), rev("x3", "x2"), rev("z1", "base"), rev("x4", "x3"),
                rev("z2", "z1"));
        Layout layout = Layout.of(whole(graph, Set.of()));
        assertThat(crossings(layout.routes())).isZero();
    }

    @Test
    void aLongLinkBendsAroundTheBoxesBetween() {
        RevisionGraph graph = graph(rev("a"), rev("b1", "a"), rev("b2", "b1"), rev("b3", "b2"), rev("c1", "a"),
                merge("m", "b3", "c1"));
        Scene scene = whole(graph, Set.of());
        Layout layout = Layout.of(scene);
        int c1 = indexOf(scene, "c1");
        Route longLink = layout.routes().get(linkIndex(scene, c1, indexOf(scene, "m")));
        assertThat(longLink.points()).hasSize(2 + 2 * 2); // passes the layers of b2 and b3
        for (String between : List.of("b2", "b3")) {
            Box box = layout.boxes().get(indexOf(scene, between));
            assertThat(longLink.points()).filteredOn(p -> p.y() >= box.y() && p.y() <= box.y() + layout.boxHeight())
                    .allMatch(p -> p.x() < box.x() || p.x() > box.x() + box.width());
        }
    }

    @Test
    void aCycleIsLaidOutWithTheLinkThatClosesItTurnedUp() {
        RevisionGraph graph = graph(rev("a"), rev("c1", "c3"), rev("c2", "c1"), rev("c3", "c2"), rev("d", "a"));
        assertThat(graph.problems()).isNotEmpty();
        Scene scene = whole(graph, Set.of());
        Layout layout = Layout.of(scene);
        assertThat(layout.routes()).filteredOn(Route::reversed).hasSize(1);
        for (int i = 0; i < scene.links().size(); i++) {
            Link link = scene.links().get(i);
            int from = layout.boxes().get(link.from()).layer();
            int to = layout.boxes().get(link.to()).layer();
            assertThat(layout.routes().get(i).reversed() ? to < from : from < to).as("link %s", link).isTrue();
        }
        assertNoOverlap("cycle", layout);
    }

    @Test
    void twoRevisionsThatAreEachOthersParentGetTwoLinesSideBySide() {
        RevisionGraph graph = graph(rev("p", "q"), rev("q", "p"));
        Layout layout = Layout.of(whole(graph, Set.of()));
        assertThat(layout.routes()).hasSize(2);
        assertThat(layout.routes().get(0).points()).doesNotContainAnyElementsOf(layout.routes().get(1).points());
    }

    @Test
    void anEmptySceneIsJustTheHeader() {
        Layout layout = Layout.of(whole(RevisionGraph.of(List.of()), Set.of()));
        assertThat(layout.boxes()).isEmpty();
        assertThat(layout.width()).isEqualTo(Layout.MIN_WIDTH);
        assertThat(layout.height()).isEqualTo(Layout.MARGIN + Layout.HEADER + Layout.MARGIN);
    }

    static void assertNoOverlap(String name, Layout layout) {
        Map<Integer, List<Box>> byLayer = new LinkedHashMap<>();
        for (Box box : layout.boxes()) {
            byLayer.computeIfAbsent(box.layer(), l -> new ArrayList<>()).add(box);
            assertThat(box.x()).as(name).isGreaterThanOrEqualTo(Layout.MARGIN);
            assertThat(box.x() + box.width()).as(name).isLessThanOrEqualTo(layout.width() - Layout.MARGIN);
            assertThat(box.y()).as(name).isEqualTo(layout.top(box.layer()));
            assertThat(box.y() + layout.boxHeight()).as(name).isLessThanOrEqualTo(layout.height() - Layout.MARGIN);
        }
        byLayer.values().forEach(row -> {
            row.sort(Comparator.comparingInt(Box::x));
            for (int i = 1; i < row.size(); i++) {
                assertThat(row.get(i).x()).as("%s: boxes %s and %s", name, row.get(i - 1), row.get(i))
                        .isGreaterThanOrEqualTo(row.get(i - 1).x() + row.get(i - 1).width() + Layout.BOX_GAP - 1);
            }
        });
    }

    private static Map<String, Integer> layersById(Scene scene, Layout layout) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int v = 0; v < scene.vertices().size(); v++) {
            out.put(scene.vertices().get(v).id(), layout.boxes().get(v).layer());
        }
        return out;
    }

    static int indexOf(Scene scene, String id) {
        for (int v = 0; v < scene.vertices().size(); v++) {
            if (scene.vertices().get(v).id().equals(id)) {
                return v;
            }
        }
        throw new AssertionError("no vertex " + id);
    }

    private static int linkIndex(Scene scene, int from, int to) {
        for (int i = 0; i < scene.links().size(); i++) {
            if (scene.links().get(i).from() == from && scene.links().get(i).to() == to) {
                return i;
            }
        }
        throw new AssertionError("no link " + from + " -> " + to);
    }

    /** Pairs of line segments of different routes that cross (touching at a box does not count). */
    private static int crossings(List<Route> routes) {
        int count = 0;
        for (int a = 0; a < routes.size(); a++) {
            for (int b = a + 1; b < routes.size(); b++) {
                List<Point> p = routes.get(a).points();
                List<Point> q = routes.get(b).points();
                for (int i = 1; i < p.size(); i++) {
                    for (int j = 1; j < q.size(); j++) {
                        if (cross(p.get(i - 1), p.get(i), q.get(j - 1), q.get(j))) {
                            count++;
                        }
                    }
                }
            }
        }
        return count;
    }

    private static boolean cross(Point a, Point b, Point c, Point d) {
        return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
    }

    private static long side(Point a, Point b, Point c) {
        return Long.signum((long) (b.x() - a.x()) * (c.y() - a.y()) - (long) (b.y() - a.y()) * (c.x() - a.x()));
    }
}

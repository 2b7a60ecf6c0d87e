package io.migrabot.graph;

import io.migrabot.graph.Layout.Box;
import io.migrabot.graph.Scene.Vertex;
import io.migrabot.revision.Revision;
import io.migrabot.revision.RevisionGraph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.migrabot.graph.GraphLayoutTest.indexOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids as long as Alembic allows (32 characters) are drawn whole, in boxes as wide as their text; messages are
 * wrapped, not cut; the title names the heads in full. Read from the scene and its layout, not from pixels.
 */
class GraphNamesTest {
    private static final String BASE = "0001_create_accounts_and_profile";
    private static final String LEFT = "leaderboard_rewards_with_streaks";
    private static final String RIGHT = "update_mission_icon_size_to_128p";
    private static final String MESSAGE = "update mission icon size to 128 pixels, and keep the old icons for "
            + "clients older than 4.2";

    private final RevisionGraph graph = RevisionGraph.of(List.of(
            new Revision(BASE, List.of(), List.of(), List.of(), "create accounts", ""),
            new Revision(LEFT, List.of(BASE), List.of("rewards_and_leaderboards"), List.of(), "leaderboard rewards",
                    ""),
            new Revision(RIGHT, List.of(BASE), List.of(), List.of(), MESSAGE, "")));

    @Test
    void idsOfThirtyTwoCharactersAndTheirMessagesAreWholeInTheScene() {
        assertThat(List.of(BASE, LEFT, RIGHT)).allMatch(id -> id.length() == 32);
        Scene scene = Capping.fit(graph, Set.of(LEFT), GraphPicture.Options.DEFAULT).scene();
        assertThat(vertex(scene, BASE).lines()).containsExactly(BASE, "create accounts");
        assertThat(vertex(scene, LEFT).lines()).containsExactly(LEFT, "leaderboard rewards",
                "@ rewards_and_leaderboards");
        List<String> right = vertex(scene, RIGHT).lines();
        assertThat(right.get(0)).isEqualTo(RIGHT);
        assertThat(right.subList(1, right.size())).hasSizeBetween(2, SceneBuilder.MESSAGE_LINES)
                .allMatch(line -> line.length() <= SceneBuilder.MESSAGE_WIDTH);
        assertThat(String.join(" ", right.subList(1, right.size()))).isEqualTo(MESSAGE);
        assertThat(scene.header().get(0)).isEqualTo("3 revisions, 2 heads: " + LEFT + ", " + RIGHT);
    }

    @Test
    void eachBoxIsAsWideAsItsTextAndThePictureAsItsTitle() {
        Capping.Fitted fitted = Capping.fit(graph, Set.of(LEFT), GraphPicture.Options.DEFAULT);
        Scene scene = fitted.scene();
        for (String id : List.of(BASE, LEFT, RIGHT)) {
            Vertex vertex = vertex(scene, id);
            Box box = fitted.layout().boxes().get(indexOf(scene, id));
            int idLine = Fonts.width(Fonts.ID, id) + vertex.marks().stream()
                    .mapToInt(m -> Layout.TAG_GAP + Fonts.width(Fonts.TAG, m.tag())).sum();
            assertThat(box.width() - 2 * Layout.PAD).as(id).isGreaterThanOrEqualTo(idLine);
            for (String line : vertex.lines().subList(1, vertex.lines().size())) {
                assertThat(box.width() - 2 * Layout.PAD).as(line).isGreaterThanOrEqualTo(Fonts.width(Fonts.TEXT, line));
            }
        }
        assertThat(vertex(scene, LEFT).marks()).contains(Mark.HEAD, Mark.CURRENT);
        assertThat(fitted.layout().boxHeight()).isEqualTo(Layout.BOX_HEIGHT + Layout.LINE
                * (vertex(scene, RIGHT).lines().size() - 3));
        assertThat(fitted.layout().width() - 2 * Layout.MARGIN)
                .isGreaterThanOrEqualTo(Fonts.width(Fonts.TITLE, scene.header().get(0)));
        GraphLayoutTest.assertNoOverlap("32-character ids", fitted.layout());
    }

    @Test
    void onlyAnIdLongerThanAlembicAllowsIsCut() {
        String longer = "x".repeat(40);
        Scene scene = Capping.fit(RevisionGraph.of(List.of(new Revision(longer, List.of(), List.of(), List.of(),
                "m", ""))), Set.of(), GraphPicture.Options.DEFAULT).scene();
        assertThat(scene.vertices().get(0).lines().get(0)).isEqualTo("x".repeat(31) + Text.ELLIPSIS);
    }

    private static Vertex vertex(Scene scene, String id) {
        return scene.vertices().get(indexOf(scene, id));
    }
}

package io.migrabot.graph;

import io.migrabot.graph.Layout.Box;
import io.migrabot.revision.Revision;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.testing.RandomHistory;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.migrabot.graph.Graphs.chain;
import static io.migrabot.revision.Revisions.graph;
import static io.migrabot.revision.Revisions.labelled;
import static io.migrabot.revision.Revisions.merge;
import static io.migrabot.revision.Revisions.rev;
import static io.migrabot.graph.GraphLayoutTest.indexOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The PNG itself: it decodes, it has the layout's size within the limits, and the marks are in their colours. */
class GraphPictureTest {
    private static final GraphPicture.Options DEFAULT = GraphPicture.Options.DEFAULT;
    /** Telegram's limit for a photo. */
    private static final int TEN_MEGABYTES = 10 * 1024 * 1024;

    @Test
    void thePngDecodesToThePictureTheLayoutDescribes() throws IOException {
        RevisionGraph graph = graph(rev("a"), rev("b", "a"), rev("c", "a"), merge("m", "b", "c"));
        byte[] png = GraphPicture.png(graph, Set.of("b"), DEFAULT);
        Layout layout = Capping.fit(graph, Set.of("b"), DEFAULT).layout();
        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(layout.width());
        assertThat(image.getHeight()).isEqualTo(layout.height());
    }

    @Test
    void headsAreFilledAndTheDatabasesRevisionsOutlinedInTheirColours() throws IOException {
        RevisionGraph graph = graph(rev("a"), rev("b", "a"), rev("c", "a"), merge("m", "b", "c"), rev("h", "m"));
        Capping.Fitted fitted = Capping.fit(graph, Set.of("b"), DEFAULT);
        BufferedImage image = decode(GraphPicture.png(graph, Set.of("b"), DEFAULT));
        assertThat(fill(image, fitted, "h")).isEqualTo(Painter.light(Mark.HEAD.color()));
        assertThat(fill(image, fitted, "m")).isEqualTo(Painter.light(Mark.MERGE_POINT.color()));
        assertThat(fill(image, fitted, "a")).isEqualTo(Painter.light(Mark.BRANCH_POINT.color()));
        assertThat(fill(image, fitted, "c")).isEqualTo(Scene.Kind.REVISION.fill());
        Box current = fitted.layout().boxes().get(indexOf(fitted.scene(), "b"));
        assertThat(new Color(image.getRGB(current.x() + current.width() / 2, current.y())))
                .isEqualTo(Mark.CURRENT.color());
    }

    @Test
    void aGraphWithCyclesDuplicatesAndMissingParentsIsDrawnAsFarAsItCanBe() throws IOException {
        RevisionGraph graph = graph(rev("a"), rev("b", "a"), rev("b", "a"), rev("c1", "c3"), rev("c2", "c1"),
                rev("c3", "c2", "b"), rev("orphan", "gone"), rev("self", "self"));
        assertThat(graph.problems()).hasSizeGreaterThanOrEqualTo(4);
        BufferedImage image = decode(GraphPicture.png(graph, Set.of("c2"), DEFAULT));
        assertThat(image.getWidth()).isPositive();
    }

    @Test
    void hostileIdsAndMessagesAreDrawnSafely() throws IOException {
        String huge = "x".repeat(1_000_000);
        RevisionGraph graph = RevisionGraph.of(List.of(
                new Revision("a\u0000\u202e\n" + huge, List.of(), List.of("l\u0007" + huge), List.of(), huge, ""),
                new Revision("\uD83D\uDE80\uD800日本語", List.of("a\u0000\u202e\n" + huge), List.of(), List.of(),
                        "\u001b[31m<b>red</b>\r\n\t" + "مرحبا".repeat(100), ""),
                labelled("\u0085", "\u2028", "\uD83D\uDE80\uD800日本語")));
        Scene scene = Capping.fit(graph, Set.of("\u0000" + huge), DEFAULT).scene();
        assertThat(scene.vertices()).flatExtracting(Scene.Vertex::lines)
                .allMatch(line -> line.codePointCount(0, line.length()) <= SceneBuilder.MESSAGE_WIDTH)
                .allMatch(line -> line.codePoints().noneMatch(Character::isISOControl));
        assertThat(decode(GraphPicture.png(graph, Set.of("\u0000" + huge), DEFAULT)).getWidth()).isPositive();
    }

    @Test
    void tenThousandRevisionsInALineMakeAPictureWithinTheLimits() throws IOException {
        byte[] png = GraphPicture.png(chain(10_000), Set.of("r5000"), DEFAULT);
        assertThat(png.length).isLessThan(TEN_MEGABYTES);
        assertWithin(decode(png), DEFAULT);
    }

    @Test
    void aWideRandomGraphMakesAPictureWithinTheLimits() throws IOException {
        RevisionGraph graph = RevisionGraph.of(RandomHistory.generate(new Random(17), 3000));
        byte[] png = GraphPicture.png(graph, Set.of(graph.heads().get(0)), DEFAULT);
        assertThat(png.length).isLessThan(TEN_MEGABYTES);
        assertWithin(decode(png), DEFAULT);
    }

    @Test
    void limitsTooSmallForEvenOneBoxScaleThePictureDown() throws IOException {
        GraphPicture.Options tiny = new GraphPicture.Options(1, 300, 200);
        BufferedImage image = decode(GraphPicture.png(chain(50), Set.of(), tiny));
        assertWithin(image, tiny);
        assertThat(image.getWidth()).isEqualTo(300);
    }

    @Test
    void anEmptyGraphIsAHeaderSayingSo() throws IOException {
        RevisionGraph empty = RevisionGraph.of(List.of());
        assertThat(Capping.fit(empty, Set.of(), DEFAULT).scene().header()).containsExactly("no revisions");
        assertThat(decode(GraphPicture.png(empty, Set.of(), DEFAULT)).getHeight()).isPositive();
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG ImageIO can read").isNotNull();
        return image;
    }

    private static void assertWithin(BufferedImage image, GraphPicture.Options options) {
        assertThat(image.getWidth()).isLessThanOrEqualTo(options.maxWidth());
        assertThat(image.getHeight()).isLessThanOrEqualTo(options.maxHeight());
    }

    /** The colour just above a box's bottom edge, below its text. */
    private static Color fill(BufferedImage image, Capping.Fitted fitted, String id) {
        Box box = fitted.layout().boxes().get(indexOf(fitted.scene(), id));
        return new Color(image.getRGB(box.x() + box.width() / 2, box.y() + fitted.layout().boxHeight() - 4));
    }
}

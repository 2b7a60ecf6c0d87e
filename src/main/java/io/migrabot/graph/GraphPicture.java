package io.migrabot.graph;

import io.migrabot.revision.RevisionGraph;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * A PNG picture of a revision graph: bases at the top, heads at the bottom, down_revision links solid and
 * depends_on links dashed; heads, branch points, merge points and the revisions the database records are marked,
 * and a legend says how. A graph too big for the limits is cut to the revisions nearest the heads and the
 * database's revisions, and the header says how many are left out. A broken graph (cycles, missing parents) is
 * drawn as far as it can be; drawing never throws on what the scripts contain.
 */
public final class GraphPicture {
    private GraphPicture() {
    }

    /**
     * Limits for one picture.
     *
     * @param maxRevisions the most revisions drawn with a box of their own
     * @param maxWidth     the picture's largest width in pixels
     * @param maxHeight    the picture's largest height in pixels
     */
    public record Options(int maxRevisions, int maxWidth, int maxHeight) {
        /** 300 revisions in at most 4000 x 4000 pixels: well inside Telegram's limits for a photo. */
        public static final Options DEFAULT = new Options(300, 4000, 4000);

        public Options {
            if (maxRevisions < 1 || maxWidth < 100 || maxHeight < 100) {
                throw new IllegalArgumentException("a picture needs at least 1 revision and 100 x 100 pixels, not "
                        + maxRevisions + " revisions in " + maxWidth + " x " + maxHeight);
            }
        }
    }

    /**
     * The picture, encoded as PNG.
     *
     * @param current the revisions the database records: may be empty, and may name revisions the graph lacks
     *                (the header lists those)
     */
    public static byte[] png(RevisionGraph graph, Set<String> current, Options options) {
        return encode(image(graph, current, options));
    }

    static BufferedImage image(RevisionGraph graph, Set<String> current, Options options) {
        Capping.Fitted fitted = Capping.fit(graph, current, options);
        Layout layout = fitted.layout();
        double scale = Math.min(1, Math.min(options.maxWidth() / (double) layout.width(),
                options.maxHeight() / (double) layout.height()));
        return Painter.paint(fitted.scene(), layout, scale);
    }

    /** Encodes in memory: ImageIO.write would cache through a temporary file, unless told not to for everyone. */
    private static byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a PNG in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

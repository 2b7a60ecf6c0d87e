package io.migrabot.graph;

import java.awt.Color;
import java.util.List;
import java.util.Set;

/**
 * What a picture shows, before it is placed: boxes (revisions, collapsed runs of revisions, missing revisions),
 * the links between them from parent to child, and the header's lines of text, all of it already clean to draw.
 *
 * @param vertices  the boxes; a link names them by index
 * @param links     parent to child
 * @param header    the title line, then notes (what was left out, unknown database revisions, problems)
 * @param drawn     how many revisions have a box of their own
 * @param collapsed how many revisions have none
 */
record Scene(List<Vertex> vertices, List<Link> links, List<String> header, int drawn, int collapsed) {

    Scene {
        vertices = List.copyOf(vertices);
        links = List.copyOf(links);
        header = List.copyOf(header);
    }

    /**
     * One box.
     *
     * @param id     the full revision id (a missing revision's too), empty for a collapsed run
     * @param lines  the text, first line in bold
     * @param hidden how many revisions a collapsed run stands for; 0 otherwise
     */
    record Vertex(Kind kind, String id, List<String> lines, Set<Mark> marks, int hidden) {
        Vertex {
            lines = List.copyOf(lines);
            marks = Set.copyOf(marks);
        }
    }

    /** From parent to child, by vertex index. */
    record Link(int from, int to, LinkKind kind) {
    }

    /** What a box stands for, with how the legend names it and how it is drawn. */
    enum Kind {
        REVISION("revision", Color.WHITE, new Color(0x757575), false),
        COLLAPSED("not drawn", new Color(0xEEEEEE), new Color(0x9E9E9E), true),
        MISSING("missing", new Color(0xFFEBEE), new Color(0xC62828), true);

        private final String legend;
        private final Color fill;
        private final Color border;
        private final boolean dashed;

        Kind(String legend, Color fill, Color border, boolean dashed) {
            this.legend = legend;
            this.fill = fill;
            this.border = border;
            this.dashed = dashed;
        }

        String legend() {
            return legend;
        }

        Color fill() {
            return fill;
        }

        Color border() {
            return border;
        }

        boolean dashed() {
            return dashed;
        }
    }

    /** Why two boxes are linked, with how the legend names it and whether the line is dashed. */
    enum LinkKind {
        PARENT("down_revision", false),
        DEPENDENCY("depends_on", true);

        private final String legend;
        private final boolean dashed;

        LinkKind(String legend, boolean dashed) {
            this.legend = legend;
            this.dashed = dashed;
        }

        String legend() {
            return legend;
        }

        boolean dashed() {
            return dashed;
        }
    }
}

package io.migrabot.graph;

import io.migrabot.graph.Layout.Box;
import io.migrabot.graph.Layout.Point;
import io.migrabot.graph.Layout.Route;
import io.migrabot.graph.Scene.Kind;
import io.migrabot.graph.Scene.LinkKind;
import io.migrabot.graph.Scene.Vertex;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Paints a placed {@link Scene} on an image in memory. Works headless: it draws on a {@link BufferedImage} and
 * never asks for a screen. Boxes are as wide as the layout measured their text.
 */
final class Painter {
    private static final Color INK = new Color(0x212121);
    private static final Color FAINT = new Color(0x616161);
    private static final Color LINK = new Color(0x546E7A);
    private static final Color CYCLE = new Color(0xD32F2F);
    private static final float[] DASH = {6f, 4f};

    private final Graphics2D g;

    private Painter(Graphics2D g) {
        this.g = g;
    }

    /** The picture, its layout scaled by {@code scale} (at most 1) so that it keeps within the size limits. */
    static BufferedImage paint(Scene scene, Layout layout, double scale) {
        BufferedImage image = new BufferedImage(Math.max(1, (int) Math.floor(layout.width() * scale)),
                Math.max(1, (int) Math.floor(layout.height() * scale)), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(scale, scale);
            Painter painter = new Painter(g);
            painter.header(scene.header(), layout.width());
            for (int i = 0; i < layout.routes().size(); i++) {
                painter.route(layout.routes().get(i), scene.links().get(i).kind());
            }
            for (int v = 0; v < layout.boxes().size(); v++) {
                painter.box(scene.vertices().get(v), layout.boxes().get(v), layout.boxHeight());
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private void header(List<String> lines, int width) {
        int x = Layout.MARGIN;
        int room = width - 2 * Layout.MARGIN;
        text(lines.get(0), Fonts.TITLE, INK, x, Layout.MARGIN + 16, room);
        for (int i = 1; i < lines.size(); i++) {
            text(lines.get(i), Fonts.NOTE, FAINT, x, Layout.MARGIN + 20 + 19 * i, room);
        }
        legend(x, Layout.MARGIN + Layout.HEADER - 22);
    }

    /** One row of samples, each followed by what it means; {@code top} is the samples' top edge. */
    private void legend(int x, int top) {
        for (Mark mark : Mark.values()) {
            x = sample(x, top, mark.outline() ? Color.WHITE : light(mark.color()), mark.color(),
                    mark.outline() ? 3 : 1, false, mark.legend());
        }
        for (Kind kind : List.of(Kind.COLLAPSED, Kind.MISSING)) {
            x = sample(x, top, kind.fill(), kind.border(), 1, kind.dashed(), kind.legend());
        }
        for (LinkKind kind : LinkKind.values()) {
            x = line(x, top, LINK, kind.dashed(), kind.legend());
        }
        line(x, top, CYCLE, false, "closes a cycle");
    }

    private int sample(int x, int top, Color fill, Color border, float thickness, boolean dashed, String meaning) {
        g.setColor(fill);
        g.fillRoundRect(x, top, 22, 14, 6, 6);
        g.setColor(border);
        g.setStroke(stroke(thickness, dashed));
        g.drawRoundRect(x, top, 22, 14, 6, 6);
        return meaning(x + 28, top, meaning);
    }

    private int line(int x, int top, Color color, boolean dashed, String meaning) {
        g.setColor(color);
        g.setStroke(stroke(1.6f, dashed));
        g.drawLine(x, top + 7, x + 26, top + 7);
        return meaning(x + 32, top, meaning);
    }

    private int meaning(int x, int top, String meaning) {
        g.setFont(Fonts.NOTE);
        g.setColor(INK);
        g.drawString(meaning, x, top + 12);
        return x + Fonts.width(Fonts.NOTE, meaning) + 16;
    }

    private void route(Route route, LinkKind kind) {
        Path2D.Double path = new Path2D.Double();
        Point first = route.points().get(0);
        path.moveTo(first.x(), first.y());
        for (Point point : route.points().subList(1, route.points().size())) {
            path.lineTo(point.x(), point.y());
        }
        g.setColor(route.reversed() ? CYCLE : LINK);
        g.setStroke(stroke(1.6f, kind.dashed()));
        g.draw(path);
    }

    private void box(Vertex vertex, Box box, int height) {
        Mark fill = vertex.marks().stream().filter(m -> !m.outline()).min(Enum::compareTo).orElse(null);
        Mark outline = vertex.marks().stream().filter(Mark::outline).min(Enum::compareTo).orElse(null);
        g.setColor(fill == null ? vertex.kind().fill() : light(fill.color()));
        g.fillRoundRect(box.x(), box.y(), box.width(), height, 10, 10);
        g.setColor(outline == null ? vertex.kind().border() : outline.color());
        g.setStroke(stroke(outline == null ? 1.2f : 3f, vertex.kind().dashed()));
        g.drawRoundRect(box.x(), box.y(), box.width(), height, 10, 10);
        int room = box.width() - 2 * Layout.PAD;
        int tagsWidth = tags(vertex, box.x() + box.width() - Layout.PAD, box.y() + 18);
        text(vertex.lines().get(0), Fonts.ID, INK, box.x() + Layout.PAD, box.y() + 18, room - tagsWidth);
        for (int i = 1; i < vertex.lines().size(); i++) {
            text(vertex.lines().get(i), Fonts.TEXT, INK, box.x() + Layout.PAD, box.y() + 19 + Layout.LINE * i,
                    room);
        }
    }

    /** The marks' tags, right-aligned to {@code right}; returns the width they take. */
    private int tags(Vertex vertex, int right, int baseline) {
        g.setFont(Fonts.TAG);
        int x = right;
        for (int i = Mark.values().length - 1; i >= 0; i--) {
            Mark mark = Mark.values()[i];
            if (vertex.marks().contains(mark)) {
                x -= Fonts.width(Fonts.TAG, mark.tag());
                g.setColor(mark.color());
                g.drawString(mark.tag(), x, baseline);
                x -= Layout.TAG_GAP;
            }
        }
        return right - x;
    }

    /**
     * Draws a line of text, cut with an ellipsis where it would be wider than {@code room}: never, for what the
     * layout sized by the same measure, whatever the picture's scale.
     */
    private void text(String line, Font font, Color color, int x, int baseline, int room) {
        g.setFont(font);
        String shown = line;
        for (int keep = shown.codePointCount(0, shown.length()); keep > 1 && Fonts.width(font, shown) > room; keep--) {
            shown = Text.shorten(line, keep);
        }
        g.setColor(color);
        g.drawString(shown, x, baseline);
    }

    private static Stroke stroke(float width, boolean dashed) {
        return dashed ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, DASH, 0f)
                : new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** The colour mixed with four parts white: a fill that dark text stays readable on. */
    static Color light(Color color) {
        return new Color(mix(color.getRed()), mix(color.getGreen()), mix(color.getBlue()));
    }

    private static int mix(int channel) {
        return (channel + 4 * 255) / 5;
    }
}

package io.migrabot.graph;

import java.awt.Font;
import java.awt.font.FontRenderContext;

/**
 * The fonts a picture is drawn in, and how wide a line is in each: the layout sizes each box to its text with it,
 * and the painter draws with the same fonts, antialiased as measured here.
 */
final class Fonts {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font ID = new Font(Font.MONOSPACED, Font.BOLD, 13);
    static final Font TAG = new Font(Font.SANS_SERIF, Font.BOLD, 11);
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Antialiased, whole-pixel advances: as the painter's graphics draw. */
    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, false);

    private Fonts() {
    }

    /** The width of {@code text} in {@code font}, in pixels, rounded up. */
    static int width(Font font, String text) {
        return (int) Math.ceil(font.getStringBounds(text, CONTEXT).getWidth());
    }
}

package io.migrabot.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Where everything in a picture goes, in pixels: a box for each vertex of the {@link Scene}, as wide as its text
 * and as high as the most lines any box has, and a polyline for each link, below a header band of fixed height; the
 * picture is at least as wide as the header's lines. Layers run from the top (bases) down (heads); within a layer, boxes
 * keep the {@link Grid}'s order and move towards their neighbours in a few passes down and up, each layer placed
 * as the mean of packing it from the left and from the right, which keeps every gap.
 *
 * @param boxes  each scene vertex's box, by vertex index
 * @param routes each scene link's line, by link index
 * @param width  the picture's width
 * @param height the picture's height
 * @param layers how many layers the boxes take
 * @param boxHeight every box's height
 */
record Layout(List<Box> boxes, List<Route> routes, int width, int height, int layers, int boxHeight) {
    static final int MIN_BOX_WIDTH = 200;
    /** The height of a box of up to three lines; each more line adds {@link #LINE}. */
    static final int BOX_HEIGHT = 62;
    static final int LINE = 17;
    /** Space between a box's edge and its text. */
    static final int PAD = 8;
    /** Space between the id and the first tag, and between tags. */
    static final int TAG_GAP = 6;
    static final int BOX_GAP = 24;
    static final int BEND_GAP = 12;
    static final int LAYER_GAP = 36;
    static final int MARGIN = 20;
    static final int HEADER = 104;
    static final int MIN_WIDTH = 1080;
    /** How far right of its box's center a link that closes a cycle runs, so that it does not hide the other. */
    static final int REVERSED_SHIFT = 14;
    private static final int PASSES = 4;

    Layout {
        boxes = List.copyOf(boxes);
        routes = List.copyOf(routes);
    }

    /** A box's top left corner, its width and its layer. */
    record Box(int x, int y, int width, int layer) {
    }

    /** A link's line from its upper box to its lower box; {@code reversed}: the link points up, closing a cycle. */
    record Route(List<Point> points, boolean reversed) {
        Route {
            points = List.copyOf(points);
        }
    }

    record Point(int x, int y) {
    }

    static Layout of(Scene scene) {
        Layering layering = Layering.of(scene.vertices().size(), scene.links());
        Grid grid = Grid.of(scene.vertices().size(), scene.links(), layering);
        int[] widths = new int[grid.size()];
        for (int v = 0; v < grid.boxes; v++) {
            widths[v] = boxWidth(scene.vertices().get(v));
        }
        double[] center = centers(grid, widths);
        double left = Double.MAX_VALUE;
        double right = -Double.MAX_VALUE;
        for (int v = 0; v < grid.size(); v++) {
            left = Math.min(left, center[v] - widths[v] / 2.0);
            right = Math.max(right, center[v] + widths[v] / 2.0);
        }
        int content = grid.size() == 0 ? 0 : (int) Math.ceil(right - left) + 2 * MARGIN;
        int width = Math.max(Math.max(MIN_WIDTH, content), headerWidth(scene.header()) + 2 * MARGIN);
        int boxHeight = BOX_HEIGHT + LINE * Math.max(0, scene.vertices().stream()
                .mapToInt(v -> v.lines().size()).max().orElse(0) - 3);
        double shift = (grid.size() == 0 ? 0 : MARGIN - left) + (width - content) / 2.0;
        int[] x = new int[grid.size()];
        for (int v = 0; v < grid.size(); v++) {
            x[v] = (int) Math.round(center[v] + shift);
        }
        List<Box> boxes = new ArrayList<>();
        for (int v = 0; v < grid.boxes; v++) {
            boxes.add(new Box(x[v] - widths[v] / 2, top(grid.layer.get(v), boxHeight), widths[v], grid.layer.get(v)));
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < grid.chains.size(); i++) {
            boolean reversed = layering.reversed()[i];
            routes.add(new Route(points(grid, grid.chains.get(i), x, reversed ? REVERSED_SHIFT : 0, boxHeight),
                    reversed));
        }
        int height = Math.max(top(layering.layers(), boxHeight) - LAYER_GAP, MARGIN + HEADER) + MARGIN;
        return new Layout(boxes, routes, width, height, layering.layers(), boxHeight);
    }

    /** The top edge of the boxes of {@code layer}. */
    int top(int layer) {
        return top(layer, boxHeight);
    }

    private static int top(int layer, int boxHeight) {
        return MARGIN + HEADER + layer * (boxHeight + LAYER_GAP);
    }

    /** Wide enough for each line of the vertex in its font, and for the id beside the tags of its marks. */
    static int boxWidth(Scene.Vertex vertex) {
        int text = Fonts.width(Fonts.ID, vertex.lines().get(0));
        for (Mark mark : vertex.marks()) {
            text += TAG_GAP + Fonts.width(Fonts.TAG, mark.tag());
        }
        for (String line : vertex.lines().subList(1, vertex.lines().size())) {
            text = Math.max(text, Fonts.width(Fonts.TEXT, line));
        }
        return Math.max(MIN_BOX_WIDTH, text + 2 * PAD);
    }

    private static int headerWidth(List<String> header) {
        int widest = header.isEmpty() ? 0 : Fonts.width(Fonts.TITLE, header.get(0));
        for (String note : header.subList(Math.min(1, header.size()), header.size())) {
            widest = Math.max(widest, Fonts.width(Fonts.NOTE, note));
        }
        return widest;
    }

    private static double gap(Grid grid, int[] widths, int a, int b) {
        return (widths[a] + widths[b]) / 2.0 + (a < grid.boxes && b < grid.boxes ? BOX_GAP : BEND_GAP);
    }

    /** Horizontal centers, before they are shifted into the picture. */
    private static double[] centers(Grid grid, int[] widths) {
        double[] center = new double[grid.size()];
        for (List<Integer> row : grid.rows) {
            for (int i = 1; i < row.size(); i++) {
                center[row.get(i)] = center[row.get(i - 1)] + gap(grid, widths, row.get(i - 1), row.get(i));
            }
        }
        for (int pass = 0; pass < PASSES; pass++) {
            for (int l = 1; l < grid.rows.size(); l++) {
                align(grid, widths, grid.rows.get(l), grid.up, center);
            }
            for (int l = grid.rows.size() - 2; l >= 0; l--) {
                align(grid, widths, grid.rows.get(l), grid.down, center);
            }
        }
        return center;
    }

    /** Moves a row's vertices towards the mean center of their neighbours, keeping their order and gaps. */
    private static void align(Grid grid, int[] widths, List<Integer> row, List<List<Integer>> neighbours,
                              double[] center) {
        double[] wanted = new double[row.size()];
        for (int i = 0; i < row.size(); i++) {
            List<Integer> next = neighbours.get(row.get(i));
            wanted[i] = next.isEmpty() ? center[row.get(i)]
                    : next.stream().mapToDouble(n -> center[n]).average().orElseThrow();
        }
        place(grid, widths, row, center, wanted);
    }

    /** Packs from the left and from the right, each as close to {@code wanted} as the gaps allow, and averages. */
    private static void place(Grid grid, int[] widths, List<Integer> row, double[] center, double[] wanted) {
        int n = row.size();
        double[] fromLeft = new double[n];
        double[] fromRight = new double[n];
        for (int i = 0; i < n; i++) {
            fromLeft[i] = i == 0 ? wanted[0] : Math.max(wanted[i], fromLeft[i - 1] + gap(grid, widths, row.get(i - 1), row.get(i)));
        }
        for (int i = n - 1; i >= 0; i--) {
            fromRight[i] = i == n - 1 ? wanted[i] : Math.min(wanted[i], fromRight[i + 1] - gap(grid, widths, row.get(i), row.get(i + 1)));
        }
        for (int i = 0; i < n; i++) {
            center[row.get(i)] = (fromLeft[i] + fromRight[i]) / 2;
        }
    }

    /** Down from the upper box's bottom edge, straight through each layer a bend passes, to the lower box's top. */
    private static List<Point> points(Grid grid, List<Integer> chain, int[] x, int shift, int boxHeight) {
        List<Point> points = new ArrayList<>();
        int first = chain.get(0);
        points.add(new Point(x[first] + shift, top(grid.layer.get(first), boxHeight) + boxHeight));
        for (int bend : chain.subList(1, chain.size() - 1)) {
            points.add(new Point(x[bend] + shift, top(grid.layer.get(bend), boxHeight)));
            points.add(new Point(x[bend] + shift, top(grid.layer.get(bend), boxHeight) + boxHeight));
        }
        int last = chain.get(chain.size() - 1);
        points.add(new Point(x[last] + shift, top(grid.layer.get(last), boxHeight)));
        return points;
    }
}

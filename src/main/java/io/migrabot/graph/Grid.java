package io.migrabot.graph;

import io.migrabot.graph.Scene.Link;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The layered graph the layout works on: a link that spans several layers becomes a chain through bend vertices,
 * one per layer it passes, so that every link joins neighbouring layers. The vertices of each layer are ordered
 * left to right to keep crossings few: a few sweeps of the barycenter heuristic (each vertex moves to the mean
 * position of its neighbours in the layer just done), down and up.
 */
final class Grid {
    private static final int SWEEPS = 4;

    /** Vertices below this are the scene's boxes; the rest are bends of long links. */
    final int boxes;
    final List<Integer> layer = new ArrayList<>();
    final List<List<Integer>> up = new ArrayList<>();
    final List<List<Integer>> down = new ArrayList<>();
    /** For each scene link, its vertices from the upper end to the lower end. */
    final List<List<Integer>> chains = new ArrayList<>();
    /** The vertices of each layer, left to right. */
    final List<List<Integer>> rows = new ArrayList<>();
    private final List<Integer> position = new ArrayList<>();

    private Grid(int boxes) {
        this.boxes = boxes;
    }

    static Grid of(int boxes, List<Link> links, Layering layering) {
        Grid grid = new Grid(boxes);
        for (int l = 0; l < layering.layers(); l++) {
            grid.rows.add(new ArrayList<>());
        }
        for (int v = 0; v < boxes; v++) {
            grid.add(layering.layer()[v]);
        }
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            boolean reversed = layering.reversed()[i];
            grid.chain(reversed ? link.to() : link.from(), reversed ? link.from() : link.to());
        }
        grid.order();
        return grid;
    }

    int size() {
        return layer.size();
    }

    private int add(int inLayer) {
        int v = layer.size();
        layer.add(inLayer);
        up.add(new ArrayList<>());
        down.add(new ArrayList<>());
        position.add(rows.get(inLayer).size());
        rows.get(inLayer).add(v);
        return v;
    }

    private void chain(int top, int bottom) {
        List<Integer> chain = new ArrayList<>();
        chain.add(top);
        for (int l = layer.get(top) + 1; l < layer.get(bottom); l++) {
            chain.add(add(l));
        }
        chain.add(bottom);
        for (int i = 1; i < chain.size(); i++) {
            down.get(chain.get(i - 1)).add(chain.get(i));
            up.get(chain.get(i)).add(chain.get(i - 1));
        }
        chains.add(chain);
    }

    private void order() {
        double[] key = new double[size()];
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int l = 1; l < rows.size(); l++) {
                sortByBarycenter(rows.get(l), up, key);
            }
            for (int l = rows.size() - 2; l >= 0; l--) {
                sortByBarycenter(rows.get(l), down, key);
            }
        }
    }

    /** A vertex with no neighbours on that side keeps its place as its key. */
    private void sortByBarycenter(List<Integer> row, List<List<Integer>> neighbours, double[] key) {
        for (int v : row) {
            List<Integer> next = neighbours.get(v);
            key[v] = next.isEmpty() ? position.get(v)
                    : next.stream().mapToInt(position::get).average().orElseThrow();
        }
        row.sort(Comparator.comparingDouble(v -> key[v]));
        for (int i = 0; i < row.size(); i++) {
            position.set(row.get(i), i);
        }
    }
}

package io.migrabot.graph;

import io.migrabot.graph.Scene.Link;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Puts each box in a layer: parents above children, every box as high as its parents allow (longest path from the
 * top). A graph with a cycle cannot be layered as it is, so the links that close a cycle are turned around for the
 * layout and marked {@code reversed}; layering a broken graph therefore still ends, and still places every box.
 *
 * @param layer    each vertex's layer, 0 at the top
 * @param reversed for each link, whether it points upwards (it closes a cycle)
 * @param layers   how many layers there are
 */
record Layering(int[] layer, boolean[] reversed, int layers) {

    static Layering of(int vertices, List<Link> links) {
        int[] rank = topologicalRanks(vertices, links);
        boolean[] reversed = new boolean[links.size()];
        List<List<Integer>> below = adjacency(vertices);
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            reversed[i] = rank[link.from()] > rank[link.to()];
            below.get(reversed[i] ? link.to() : link.from()).add(reversed[i] ? link.from() : link.to());
        }
        int[] byRank = new int[vertices];
        for (int v = 0; v < vertices; v++) {
            byRank[rank[v]] = v;
        }
        int[] layer = new int[vertices];
        int layers = vertices == 0 ? 0 : 1;
        for (int v : byRank) {
            for (int child : below.get(v)) {
                layer[child] = Math.max(layer[child], layer[v] + 1);
                layers = Math.max(layers, layer[child] + 1);
            }
        }
        return new Layering(layer, reversed, layers);
    }

    /**
     * A position for each vertex in an order where parents come first (Kahn's algorithm). When every vertex left
     * waits for a parent, they wait on a cycle: the first one left (in vertex order) goes next anyway.
     */
    private static int[] topologicalRanks(int vertices, List<Link> links) {
        List<List<Integer>> children = adjacency(vertices);
        int[] waiting = new int[vertices];
        for (Link link : links) {
            children.get(link.from()).add(link.to());
            waiting[link.to()]++;
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int v = 0; v < vertices; v++) {
            if (waiting[v] == 0) {
                ready.add(v);
            }
        }
        int[] rank = new int[vertices];
        boolean[] ranked = new boolean[vertices];
        int next = 0;
        int stuck = 0;
        while (next < vertices) {
            if (ready.isEmpty()) {
                while (ranked[stuck]) {
                    stuck++;
                }
                ready.add(stuck);
            }
            int v = ready.poll();
            if (ranked[v]) {
                continue;
            }
            ranked[v] = true;
            rank[v] = next++;
            for (int child : children.get(v)) {
                if (--waiting[child] == 0 && !ranked[child]) {
                    ready.add(child);
                }
            }
        }
        return rank;
    }

    private static List<List<Integer>> adjacency(int vertices) {
        List<List<Integer>> out = new ArrayList<>(vertices);
        for (int v = 0; v < vertices; v++) {
            out.add(new ArrayList<>());
        }
        return out;
    }
}

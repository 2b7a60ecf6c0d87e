/**
 * A PNG picture of a revision graph, drawn in-process with Java2D (no Graphviz, no display; it works headless):
 * {@link io.migrabot.graph.GraphPicture} chooses what to draw when the graph is too big for one picture
 * ({@code Capping}), turns the revisions into boxes and links ({@code Scene}), places them in layers from the bases
 * at the top to the heads at the bottom ({@code Layering}, {@code Layout}), and paints them ({@code Painter}).
 * Everything but the painter is pure and tested on coordinates (boxes are sized by measuring their text in the
 * painter's {@code Fonts}); revision ids and messages are user text and are cleaned before they are drawn.
 */
package io.migrabot.graph;

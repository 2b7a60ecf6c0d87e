package io.migrabot.graph;

import io.migrabot.revision.RevisionNode;

import java.awt.Color;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a revision's box is marked with, with the tag printed in the box, the legend's words and the colour. A box
 * takes the light fill of its first filling mark in declaration order; an outlining mark draws a thick border.
 */
enum Mark {
    CURRENT("db", "in the database", new Color(0x1565C0), true),
    HEAD("head", "head", new Color(0x2E7D32), false),
    MERGE_POINT("merge", "merge point", new Color(0x7B1FA2), false),
    BRANCH_POINT("branch", "branch point", new Color(0xE65100), false);

    private final String tag;
    private final String legend;
    private final Color color;
    private final boolean outline;

    Mark(String tag, String legend, Color color, boolean outline) {
        this.tag = tag;
        this.legend = legend;
        this.color = color;
        this.outline = outline;
    }

    String tag() {
        return tag;
    }

    String legend() {
        return legend;
    }

    Color color() {
        return color;
    }

    boolean outline() {
        return outline;
    }

    static Set<Mark> of(RevisionNode node, boolean current) {
        Set<Mark> marks = EnumSet.noneOf(Mark.class);
        if (current) {
            marks.add(CURRENT);
        }
        if (node.isHead()) {
            marks.add(HEAD);
        }
        if (node.isMergePoint()) {
            marks.add(MERGE_POINT);
        }
        if (node.isBranchPoint()) {
            marks.add(BRANCH_POINT);
        }
        return marks;
    }
}

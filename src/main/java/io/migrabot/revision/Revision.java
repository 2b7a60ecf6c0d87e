package io.migrabot.revision;

import java.util.List;
import java.util.Objects;

/**
 * One revision as its file declares it, before it is placed in a graph.
 *
 * @param id            the revision identifier ({@code revision = "..."})
 * @param downRevisions the versioned parents, in declared order; empty for a base
 * @param branchLabels  the labels declared on this revision (not those inherited along its branch), declared order
 * @param dependsOn     {@code depends_on} entries as written: revision ids, prefixes or branch labels
 * @param longDoc       the module docstring, stripped; empty when the file has none
 * @param path          where the revision came from, as Alembic prints it ({@code Path: ...})
 */
public record Revision(String id, List<String> downRevisions, List<String> branchLabels, List<String> dependsOn,
                       String longDoc, String path) {

    public Revision {
        Objects.requireNonNull(id, "id");
        downRevisions = List.copyOf(downRevisions);
        branchLabels = List.copyOf(branchLabels);
        dependsOn = List.copyOf(dependsOn);
        longDoc = longDoc == null ? "" : longDoc;
        path = path == null ? "" : path;
    }

    /** The first paragraph of the docstring: what Alembic shows as the revision's message. */
    public String doc() {
        int blank = longDoc.indexOf("\n\n");
        return blank < 0 ? longDoc : longDoc.substring(0, blank);
    }

    public boolean isBase() {
        return downRevisions.isEmpty();
    }

    public boolean isMergePoint() {
        return downRevisions.size() > 1;
    }
}

package io.migrabot.revision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the revision arguments Alembic accepts into revisions: full ids, unique prefixes of four or more
 * characters, branch labels, {@code head}, {@code heads}, {@code base}, {@code label@rev}, {@code label@head},
 * negative steps from the heads ({@code -1}) and walks ({@code head-1}, {@code rev+2}, {@code label@+1}).
 *
 * <p>Walks can end at {@link #BASE} (below every base) or nowhere ({@code null}), as in Alembic; callers that need
 * a real revision check for both.
 */
public final class RevisionResolver {
    /** Stands for "below every base" where a walk ends there. Never part of a graph. */
    public static final RevisionNode BASE = new RevisionNode(
            new Revision("base", List.of(), List.of(), List.of(), "", ""), -1);

    /** Alembic's {@code (?:(.+?)@)?(\w+)?((?:\+|-)\d+)}, matched at the start of the argument only. */
    static final Pattern RELATIVE = Pattern.compile("(?:(.+?)@)?(\\w+)?([+-]\\d+)", Pattern.UNICODE_CHARACTER_CLASS);

    private final RevisionGraph graph;

    RevisionResolver(RevisionGraph graph) {
        this.graph = graph;
    }

    /** An argument split into the revision ids it names and the branch label before its '@'. */
    record Number(List<String> ids, String branchLabel) {
    }

    /** A relative argument: optional label, optional symbol, signed step count. */
    record Relative(String branchLabel, String symbol, String stepsText) {
        int steps() {
            return Integer.parseInt(stepsText.startsWith("+") ? stepsText.substring(1) : stepsText);
        }
    }

    static Relative matchRelative(String argument) {
        if (argument == null) {
            return null;
        }
        Matcher m = RELATIVE.matcher(argument);
        return m.lookingAt() ? new Relative(m.group(1), m.group(2), m.group(3)) : null;
    }

    /** Alembic's _resolve_revision_number: symbols become ids, "label@x" is split. */
    Number resolveNumber(String argument) {
        String label = null;
        String id = argument;
        if (id != null && id.contains("@")) {
            int at = id.indexOf('@');
            label = id.substring(0, at);
            id = id.substring(at + 1);
        }
        if ("heads".equals(id)) {
            if (label != null && !label.isEmpty()) {
                return new Number(idsOf(filterForLineage(nodes(graph.heads()), label, false)), label);
            }
            return new Number(graph.realHeads(), label);
        }
        if ("head".equals(id)) {
            String head = currentHead(label);
            return new Number(head == null ? List.of() : List.of(head), label);
        }
        if (id == null || "base".equals(id)) {
            return new Number(List.of(), label);
        }
        return new Number(List.of(id), label);
    }

    /** The single head, optionally among those sharing lineage with a branch label. */
    String currentHead(String branchLabel) {
        List<String> heads = graph.heads();
        if (branchLabel != null && !branchLabel.isEmpty()) {
            heads = idsOf(filterForLineage(nodes(heads), branchLabel, false));
        }
        if (heads.size() > 1) {
            throw RevisionException.multipleHeads(heads,
                    branchLabel != null && !branchLabel.isEmpty() ? branchLabel + "@head" : "head");
        }
        return heads.isEmpty() ? null : heads.get(0);
    }

    /**
     * Every revision an argument names (Alembic's get_revisions). Negative numbers walk down from each head; the
     * list may then hold {@link #BASE} or {@code null} where a walk ran out.
     */
    public List<RevisionNode> resolveAll(String argument) {
        Number number = resolveNumber(argument);
        if (number.ids().size() == 1) {
            Integer steps = pythonInt(number.ids().get(0));
            if (steps != null && steps < 0) {
                List<RevisionNode> out = new ArrayList<>();
                for (RevisionNode head : resolveAll("heads")) {
                    if (number.branchLabel() == null || head.branchLabels().contains(number.branchLabel())) {
                        out.add(walk(head, steps, null, true));
                    }
                }
                return out;
            }
        }
        List<RevisionNode> out = new ArrayList<>();
        for (String id : number.ids()) {
            out.add(forIdent(id, number.branchLabel()));
        }
        return out;
    }

    /** Every revision the arguments name, concatenated (get_revisions on a tuple). */
    public List<RevisionNode> resolveAll(Collection<String> arguments) {
        List<RevisionNode> out = new ArrayList<>();
        for (String argument : arguments) {
            out.addAll(resolveAll(argument));
        }
        return out;
    }

    /** The one revision an argument names, or null for {@code base}; several heads are an error. */
    public RevisionNode resolveOne(String argument) {
        Number number = resolveNumber(argument);
        if (number.ids().size() > 1) {
            throw RevisionException.multipleHeads(number.ids(), argument);
        }
        if (number.ids().isEmpty()) {
            if (number.branchLabel() != null && !number.branchLabel().isEmpty()) {
                resolveBranch(number.branchLabel());
            }
            return null;
        }
        return forIdent(number.ids().get(0), number.branchLabel());
    }

    /** A branch label, or else any revision identifier (Alembic's _resolve_branch). */
    RevisionNode resolveBranch(String label) {
        RevisionNode node = graph.lookup(label);
        if (node != null) {
            return node;
        }
        try {
            return forIdent(label, null);
        } catch (RevisionException e) {
            throw RevisionException.resolution("No such branch: '" + label + "'", label);
        }
    }

    /** Alembic's _revision_for_ident: exact key, else a unique prefix of a key longer than three characters. */
    RevisionNode forIdent(String id, String checkBranch) {
        RevisionNode branchNode = checkBranch != null && !checkBranch.isEmpty() ? resolveBranch(checkBranch) : null;
        RevisionNode node = graph.lookup(id);
        if (node == null) {
            List<String> matches = new ArrayList<>();
            if (!id.isEmpty()) {
                for (String key : graph.keys()) {
                    if (key.length() > 3 && key.startsWith(id)) {
                        matches.add(key);
                    }
                }
            }
            if (branchNode != null) {
                matches = filterKeysForLineage(matches, checkBranch);
            }
            if (matches.isEmpty()) {
                throw RevisionException.resolution("No such revision or branch '" + id + "'"
                        + (id.length() < 4 ? "; please ensure at least four characters are present for partial "
                        + "revision identifier matches" : ""), id);
            }
            if (matches.size() > 1) {
                List<String> quoted = new ArrayList<>();
                for (String match : matches.subList(0, Math.min(3, matches.size()))) {
                    quoted.add("'" + match + "'");
                }
                throw RevisionException.resolution(
                        "Multiple revisions start with '" + id + "': " + String.join(", ", quoted) + "...", id);
            }
            node = graph.lookup(matches.get(0));
        }
        if (branchNode != null && !graph.sharesLineage(node, List.of(branchNode), false)) {
            throw RevisionException.resolution(
                    "Revision " + node.id() + " is not a member of branch '" + checkBranch + "'", id);
        }
        return node;
    }

    private List<String> filterKeysForLineage(List<String> keys, String checkAgainst) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            if (sharesLineageWith(graph.lookup(key), checkAgainst, false)) {
                out.add(key);
            }
        }
        return out;
    }

    /** The targets related (as ancestor, descendant or itself) to what {@code checkAgainst} names. */
    List<RevisionNode> filterForLineage(Collection<RevisionNode> targets, String checkAgainst,
                                        boolean includeDependencies) {
        List<RevisionNode> out = new ArrayList<>();
        for (RevisionNode target : targets) {
            if (sharesLineageWith(target, checkAgainst, includeDependencies)) {
                out.add(target);
            }
        }
        return out;
    }

    private boolean sharesLineageWith(RevisionNode target, String checkAgainst, boolean includeDependencies) {
        if (target == null) {
            throw RevisionException.other("A relative revision walked past the end of the history");
        }
        if (target == BASE) {
            // Alembic looks "base" up as if it were a revision id here
            target = forIdent(BASE.id(), null);
        }
        Number number = resolveNumber(checkAgainst);
        List<RevisionNode> shares = new ArrayList<>();
        if (number.branchLabel() != null && !number.branchLabel().isEmpty()) {
            shares.add(forIdent(number.branchLabel(), null));
        }
        for (String id : number.ids()) {
            shares.add(forIdent(id, null));
        }
        return graph.sharesLineage(target, shares, includeDependencies);
    }

    /**
     * Walks {@code steps} revisions up (positive) or down (negative) from {@code start}: null means "from the
     * bases" going up and "from the heads" going down. Returns null when the walk runs past the end and
     * {@code noOverwalk} is set; otherwise it stops where it is.
     */
    RevisionNode walk(RevisionNode start, int steps, String branchLabel, boolean noOverwalk) {
        RevisionNode current = start;
        for (int i = 0; i < Math.abs(steps); i++) {
            List<RevisionNode> next;
            if (steps > 0) {
                List<RevisionNode> up = resolveAll(current == null ? graph.bases() : current.children());
                next = branchLabel != null && !branchLabel.isEmpty() ? filterForLineage(up, branchLabel, false) : up;
            } else if (current == BASE) {
                next = List.of();
            } else {
                next = resolveAll(current == null ? graph.heads() : current.downRevisions());
                if (next.isEmpty()) {
                    next = List.of(BASE);
                }
            }
            if (next.isEmpty()) {
                return noOverwalk ? null : current;
            }
            if (next.size() > 1) {
                throw RevisionException.other("Ambiguous walk");
            }
            current = next.get(0);
        }
        return current;
    }

    /** Python's int() on a string, for the forms revision arguments take: sign, digits, underscores between digits. */
    static Integer pythonInt(String text) {
        String s = text.strip();
        if (!s.matches("[+-]?\\d+(_\\d+)*")) {
            return null;
        }
        try {
            return Integer.parseInt(s.replace("_", "").replace("+", ""));
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    static List<String> idsOf(Collection<RevisionNode> nodes) {
        List<String> ids = new ArrayList<>();
        for (RevisionNode node : nodes) {
            ids.add(node.id());
        }
        return ids;
    }

    private List<RevisionNode> nodes(List<String> ids) {
        List<RevisionNode> out = new ArrayList<>();
        for (String id : ids) {
            out.add(graph.node(id));
        }
        return out;
    }
}

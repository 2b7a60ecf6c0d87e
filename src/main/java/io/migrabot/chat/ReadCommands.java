package io.migrabot.chat;

import io.migrabot.MigrabotException;
import io.migrabot.config.Role;
import io.migrabot.graph.GraphPicture;
import io.migrabot.operation.Branches;
import io.migrabot.operation.Current;
import io.migrabot.operation.Heads;
import io.migrabot.operation.History;
import io.migrabot.operation.Pending;
import io.migrabot.operation.Show;
import io.migrabot.operation.Target;
import io.migrabot.revision.AlembicFormat;
import io.migrabot.revision.Problem;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Commands that read: the database's revision, the scripts' heads, branches, history, one revision, what is pending. */
final class ReadCommands {
    private static final AlembicFormat.Line CURRENT = new AlembicFormat.Line(false, false, false, true);

    private ReadCommands() {
    }

    static List<ChatCommand> all() {
        return List.of(
                new ChatCommand("current", "[TARGET]", "The revision the database is at", Role.VIEWER,
                        ReadCommands::current),
                new ChatCommand("heads", "[TARGET]", "The heads of the migration scripts", Role.VIEWER,
                        ReadCommands::heads),
                new ChatCommand("branches", "[TARGET]", "Branch points in the scripts", Role.VIEWER,
                        ReadCommands::branches),
                new ChatCommand("history", "[TARGET] [RANGE]", "Revisions newest first; RANGE is start:end",
                        Role.VIEWER, ReadCommands::history),
                new ChatCommand("show", "[TARGET] REV", "One revision in full", Role.VIEWER, ReadCommands::show),
                new ChatCommand("pending", "[TARGET]", "What an upgrade to heads would run", Role.VIEWER,
                        ReadCommands::pending),
                new ChatCommand("graph", "[TARGET]", "A picture of the revision graph, the database's revision "
                        + "marked", Role.VIEWER, ReadCommands::graph));
    }

    private static void current(Call call) {
        Target target = call.target();
        call.arguments(0, 0);
        Current.Result result = new Current(target).read();
        StringBuilder html = new StringBuilder("<b>").append(Html.escape(target.name())).append("</b> is at ");
        if (!result.versionTableExists()) {
            html.append("no revision: it has no version table (nothing was ever stamped or migrated there)");
        } else if (result.heads().isEmpty() && result.unknown().isEmpty()) {
            html.append("base (the version table is empty)");
        } else {
            html.append(Html.pre(result.heads().stream().map(n -> AlembicFormat.format(n, false, CURRENT, false))
                    .collect(Collectors.joining("\n"))));
        }
        for (String unknown : result.unknown()) {
            html.append("\n⚠️ ").append(Html.escape(unknown));
        }
        call.replies().text(html.toString());
    }

    private static void heads(Call call) {
        Target target = call.target();
        call.arguments(0, 0);
        RevisionGraph graph = target.scripts().graph();
        List<RevisionNode> heads = new Heads(graph).list(false);
        String html = "<b>" + Html.escape(target.name()) + "</b>: " + heads.size() + " head(s)"
                + (heads.size() > 1 ? " ⚠️ several heads: merge them (/merge) or upgrade to heads" : "")
                + listing(heads.stream().map(n -> AlembicFormat.format(n, false, AlembicFormat.Line.HEADS, false))
                .toList());
        call.replies().text(html + problems(graph));
    }

    private static void branches(Call call) {
        Target target = call.target();
        call.arguments(0, 0);
        RevisionGraph graph = target.scripts().graph();
        List<Branches.BranchPoint> points = new Branches(graph).list();
        call.replies().text("<b>" + Html.escape(target.name()) + "</b>: " + (points.isEmpty() ? "no branch points"
                : points.size() + " branch point(s)") + listing(points.stream()
                .map(p -> AlembicFormat.branchPoint(p.revision(), p.children(), false)).toList()) + problems(graph));
    }

    private static void history(Call call) {
        Target target = call.target();
        List<String> args = call.arguments(0, 1);
        History.Range range = History.Range.parse(args.isEmpty() ? null : args.get(0));
        RevisionGraph graph = target.scripts().graph();
        Set<String> current = Set.copyOf(target.readHeads().orElse(List.of()));
        List<String> lines = new History(graph).list(range).stream()
                .map(n -> AlembicFormat.format(n, false, AlembicFormat.Line.HISTORY, current.contains(n.id())))
                .toList();
        call.replies().text("<b>" + Html.escape(target.name()) + "</b>: " + lines.size() + " revision(s)"
                + listing(lines) + problems(graph));
    }

    private static void show(Call call) {
        Target target = call.target();
        String revision = call.argument();
        List<String> entries = new Show(target.scripts().graph()).resolve(revision).stream()
                .map(n -> AlembicFormat.logEntry(n, false)).toList();
        call.replies().text(listing(entries).strip());
    }

    private static void pending(Call call) {
        Target target = call.target();
        call.arguments(0, 0);
        Pending.Result result = new Pending(target).read();
        String at = "<b>" + Html.escape(target.name()) + "</b> is at " + Format.heads(result.heads());
        if (result.pending().isEmpty()) {
            call.replies().text(at + "; nothing is pending ✅");
            return;
        }
        call.replies().text(at + "; " + result.pending().size() + " revision(s) pending, in the order they "
                + "would run:" + listing(result.pending().stream()
                .map(n -> AlembicFormat.format(n, false, AlembicFormat.Line.HEADS, false)).toList()));
    }

    private static void graph(Call call) {
        Target target = call.target();
        call.arguments(0, 0);
        RevisionGraph graph = target.scripts().graph();
        String note = "";
        Set<String> current;
        try {
            current = Set.copyOf(target.readHeads().orElse(List.of()));
        } catch (MigrabotException e) {
            current = Set.of();
            note = "\n⚠️ the database's revision is not marked: " + e.getMessage();
        }
        byte[] png = GraphPicture.png(graph, current, GraphPicture.Options.DEFAULT);
        String caption = Html.escape(target.name() + ": " + graph.heads().size() + " head(s)" + note);
        String name = "graph-" + target.name() + ".png";
        // Telegram shrinks photos to about 1280 px: a tall history stays readable only as a file
        if (pngWidth(png) <= 1280 && pngHeight(png) <= 1280) {
            call.replies().photo(name, png, caption);
        } else {
            call.replies().document(name, png, caption);
        }
    }

    /** A PNG's width and height, from its header (IHDR, right after the signature). */
    private static int pngWidth(byte[] png) {
        return java.nio.ByteBuffer.wrap(png, 16, 4).getInt();
    }

    private static int pngHeight(byte[] png) {
        return java.nio.ByteBuffer.wrap(png, 20, 4).getInt();
    }

    private static String listing(List<String> lines) {
        return lines.isEmpty() ? "" : "\n" + Html.pre(String.join("\n", lines));
    }

    private static String problems(RevisionGraph graph) {
        List<Problem> problems = new ArrayList<>(graph.problems());
        problems.addAll(graph.warnings());
        if (problems.isEmpty()) {
            return "";
        }
        String count = graph.problems().isEmpty() ? graph.warnings().size() + " warning(s)"
                : graph.warnings().isEmpty() ? problems.size() + " problem(s)"
                : graph.problems().size() + " problem(s) and " + graph.warnings().size() + " warning(s)";
        StringBuilder html = new StringBuilder("\n⚠️ ").append(count).append(" in the scripts:");
        problems.stream().limit(5).forEach(p -> html.append("\n• ").append(Html.escape(p.describe())));
        if (problems.size() > 5) {
            html.append("\n… and ").append(problems.size() - 5).append(" more");
        }
        return html.toString();
    }
}

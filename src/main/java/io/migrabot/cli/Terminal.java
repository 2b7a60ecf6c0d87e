package io.migrabot.cli;

import io.migrabot.revision.Problem;
import io.migrabot.revision.RevisionGraph;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;

/** Where a one-shot command writes: results to standard output, problems and errors to standard error, in UTF-8. */
public record Terminal(PrintWriter out, PrintWriter err) {

    /** The streams the command line of {@code spec} writes to (set by Main, or by a test). */
    static Terminal of(CommandSpec spec) {
        return new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Reports the graph's warnings (what was read only in part), then its problems, one line each on standard
     * error; returns the exit status, which only problems make 1.
     */
    public int reportProblems(RevisionGraph graph) {
        for (Problem warning : graph.warnings()) {
            err.println("migrabot: warning: " + warning.describe());
        }
        return reportProblems(graph.problems());
    }

    /** Reports each problem on one line of standard error; returns the exit status (0 none, 1 some). */
    private int reportProblems(List<Problem> problems) {
        for (Problem problem : problems) {
            err.println("migrabot: " + problem.describe());
        }
        err.flush();
        return problems.isEmpty() ? 0 : 1;
    }
}

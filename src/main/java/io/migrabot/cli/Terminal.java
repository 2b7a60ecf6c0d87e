package io.migrabot.cli;

import io.migrabot.revision.Problem;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;

/** Where a one-shot command writes: results to standard output, problems and errors to standard error, in UTF-8. */
public record Terminal(PrintWriter out, PrintWriter err) {

    /** The streams the command line of {@code spec} writes to (set by Main, or by a test). */
    static Terminal of(CommandSpec spec) {
        return new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Reports each problem on one line of standard error; returns the exit status (0 none, 1 some). */
    public int reportProblems(List<Problem> problems) {
        for (Problem problem : problems) {
            err.println("migrabot: " + problem.describe());
        }
        err.flush();
        return problems.isEmpty() ? 0 : 1;
    }
}

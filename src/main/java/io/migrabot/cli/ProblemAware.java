package io.migrabot.cli;

import io.migrabot.MigrabotException;
import io.migrabot.revision.RevisionGraph;

/**
 * Runs a command's output on a graph that may have problems. With no problems, errors propagate as usual. With
 * problems, an error is most likely their consequence (a cycle cannot be ordered), so only the problems are
 * reported, and the exit status says "problems found".
 */
final class ProblemAware {
    private ProblemAware() {
    }

    static int run(RevisionGraph graph, Terminal terminal, Runnable output) {
        try {
            output.run();
        } catch (MigrabotException e) {
            if (graph.problems().isEmpty()) {
                throw e;
            }
        } finally {
            terminal.out().flush();
        }
        return terminal.reportProblems(graph);
    }
}

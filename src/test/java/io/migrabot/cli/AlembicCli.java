package io.migrabot.cli;

import io.migrabot.Main;
import io.migrabot.testing.Python;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs command lines through real Alembic (in one Python process) and through migrabot's Main, in-process. */
final class AlembicCli {
    private AlembicCli() {
    }

    record Output(int exitCode, String stdout, String stderr) {
    }

    /** Each command is the argument list after the program name; all run with {@code cwd} as working directory. */
    static List<Output> alembic(Path cwd, Path scratch, List<List<String>> commands, boolean sortedListing) {
        StringBuilder input = new StringBuilder();
        for (List<String> command : commands) {
            input.append(cwd).append('\t').append(String.join("\t", command)).append('\n');
        }
        Path oracle = Python.resource("oracle/alembic_cli_oracle.py", scratch);
        List<String> args = new ArrayList<>(List.of(oracle.toString()));
        if (sortedListing) {
            args.add("--sorted-listing");
        }
        Python.Result result = Python.run(cwd, input.toString(), args);
        if (result.exitCode() != 0) {
            throw new AssertionError("the Alembic oracle failed: " + result.stderr());
        }
        List<Output> outputs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : result.stdout().split("\n", -1)) {
            if (line.startsWith("@@@ EXIT ")) {
                outputs.add(new Output(Integer.parseInt(line.substring(9)), current.toString(), ""));
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (outputs.size() != commands.size()) {
            throw new AssertionError("expected " + commands.size() + " outputs, got " + outputs.size());
        }
        return outputs;
    }

    static Output migrabot(List<String> command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(command.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Output(code, out.toString(), err.toString());
    }
}

package io.migrabot.operation;

import io.migrabot.Main;
import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Python;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the version-table parity tests share: one history written as an Alembic project and as native SQL (each
 * revision creates a table {@code t_<id>}), and the real {@code alembic} and migrabot run on it, each asserted to
 * succeed.
 */
final class Parity {
    private Parity() {
    }

    /** Writes {@code history} ({id, "parent,parent"} pairs) into both projects. */
    static void write(String[][] history, AlembicProject project, Path sql) throws IOException {
        for (String[] r : history) {
            List<String> parents = r[1].isEmpty() ? List.of() : List.of(r[1].split(","));
            project.revision(r[0], parents, "op.create_table('t_" + r[0] + "', sa.Column('id', sa.Integer))",
                    "op.drop_table('t_" + r[0] + "')");
            Files.writeString(sql.resolve(r[0] + ".sql"), "-- revision: " + r[0] + "\n-- down_revision: "
                    + String.join(", ", parents) + "\n-- migrate:up\nCREATE TABLE t_" + r[0] + " (id integer);\n"
                    + "-- migrate:down\nDROP TABLE t_" + r[0] + ";\n");
        }
    }

    /** {@code alembic -c ini ARGS} with {@code DATABASE_URL} set; its standard output. */
    static String alembic(Path dir, AlembicProject project, String databaseUrl, String... args) {
        List<String> command = new ArrayList<>(List.of("env", "DATABASE_URL=" + databaseUrl, "/usr/bin/alembic",
                "-c", project.ini().toString()));
        command.addAll(List.of(args));
        Python.Result result = Python.exec(dir, "", command);
        assertThat(result.exitCode()).as("alembic %s: %s", String.join(" ", args), result.stderr()).isZero();
        return result.stdout();
    }

    /** {@code migrabot ARGS --target TARGET --config CONFIG} in this JVM; its standard output. */
    static String migrabot(Path config, String target, String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--target", target, "--config", config.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(command.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("migrabot %s on %s: %s %s", String.join(" ", args), target, out, err).isZero();
        return out.toString();
    }
}

package io.migrabot.cli;

import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project whose constants cannot all be followed, as a person meets it on the command line: read-only commands
 * answer with the revision kept and a warning naming the file and line; operations refuse the graph and name the
 * file to fix.
 */
class UnresolvedConstantsCliTest {
    @TempDir
    Path dir;
    private AlembicProject project;
    private Postgres.Database db;

    @BeforeEach
    void setUp() {
        project = AlembicProject.create(dir);
        project.write("migrations/versions/a1.py", "revision = 'a1a1'\ndown_revision = None\n");
        project.write("migrations/versions/b2.py", """
                from neutron.db.migration import cli
                revision = 'b2b2'
                down_revision = 'a1a1'
                branch_labels = (cli.CONTRACT_BRANCH,)
                """);
        db = Postgres.create("unresolved");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private AlembicCli.Output run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-c", project.ini().toString()));
        return AlembicCli.migrabot(all);
    }

    private AlembicCli.Output operation(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-c", project.ini().toString(), "--url", db.url(), "--user", db.user()));
        return AlembicCli.migrabot(all);
    }

    @Test
    void unknownLabelsAreLeftOutWithAWarningAndTheRevisionKept() {
        AlembicCli.Output heads = run("heads");
        assertThat(heads.exitCode()).isZero();
        assertThat(heads.stdout()).isEqualTo("b2b2 (head)\n");
        assertThat(heads.stderr()).isEqualTo("migrabot: warning: " + project.versions().resolve("b2.py") + ":4: "
                + "branch_labels = (cli.CONTRACT_BRANCH,): no module named 'neutron.db.migration' in the project "
                + "(searched [" + Path.of("").toAbsolutePath() + "]); migrabot follows imports only into the "
                + "project's own source files. The revision is kept without the labels migrabot could not "
                + "determine; write them as string literals, or as constants assigned literally in a module of the "
                + "project.\n");
        assertThat(run("history").stdout()).isEqualTo("a1a1 -> b2b2 (head), \n<base> -> a1a1, \n");
        assertThat(run("branches").stdout()).isEmpty();
    }

    @Test
    void aRevisionWhoseParentCannotBeFollowedIsDroppedAndOperationsNameTheFileToFix() {
        project.write("migrations/versions/c3.py", "import ids\nrevision = 'c3c3'\ndown_revision = ids.PARENT\n");
        Path file = project.versions().resolve("c3.py");

        AlembicCli.Output heads = run("heads");
        assertThat(heads.exitCode()).isEqualTo(1);
        assertThat(heads.stdout()).isEqualTo("b2b2 (head)\n");
        assertThat(heads.stderr()).contains("migrabot: " + file + ":3: down_revision = ids.PARENT: no module named "
                + "'ids' in the project");

        for (String[] command : new String[][]{{"upgrade", "head"}, {"stamp", "head"}, {"downgrade", "base"}}) {
            AlembicCli.Output refused = operation(command);
            assertThat(refused.exitCode()).as(String.join(" ", command)).isNotZero();
            assertThat(refused.stderr()).as(String.join(" ", command)).contains(command[0] + " refused: the "
                    + "scripts of target adhoc have 1 problem(s); fix " + file + " first: " + file + ":3: ");
        }
        assertThat(operation("current").stdout()).as("nothing was done").doesNotContain("a1a1");
        AlembicCli.Output doctor = operation("doctor");
        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.stdout()).contains("ERROR: " + file + ":3: down_revision = ids.PARENT");
    }

    @Test
    void anUnknownDependencyRefusesOperationsButNotReading() {
        project.write("migrations/versions/c3.py", """
                from shared import FIRST
                revision = 'c3c3'
                down_revision = 'b2b2'
                depends_on = FIRST
                """);
        assertThat(run("heads").exitCode()).isZero();
        AlembicCli.Output refused = operation("upgrade", "head");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("upgrade refused: the scripts of target adhoc have 1 problem(s); fix "
                + project.versions().resolve("c3.py") + " first: " + project.versions().resolve("c3.py") + ":4: "
                + "depends_on = FIRST: no module named 'shared' in the project");
    }
}

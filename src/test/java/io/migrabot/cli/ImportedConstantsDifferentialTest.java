package io.migrabot.cli;

import io.migrabot.testing.AlembicProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Projects whose revision files take branch labels, dependencies and even ids from a package of the project, in
 * every import form (expand/contract branches as OpenStack projects write them): real Alembic 1.8 imports them,
 * migrabot reads them, and heads, history, branches and show print the same. The same project configured by a
 * pyproject.toml alone (Alembic 1.16's form, which 1.8 cannot read) gives migrabot's answers for the alembic.ini.
 */
class ImportedConstantsDifferentialTest {
    @TempDir
    Path dir;
    private Path root;

    @BeforeEach
    void project() {
        root = dir.resolve("project");
        AlembicProject project = AlembicProject.create(root);
        project.write("alembic.ini", """
                [alembic]
                script_location = %(here)s/migrations
                prepend_sys_path = %(here)s
                sqlalchemy.url = postgresql://nobody@127.0.0.1:1/none
                """);
        // A package name of its own: the oracle runs every command in one Python process, which caches modules.
        project.write("constproj/__init__.py", "");
        project.write("constproj/db/__init__.py", "");
        project.write("constproj/db/migration/__init__.py", """
                \"\"\"Branch names, as neutron.db.migration has them.\"\"\"
                from .labels import DATA as DATA_BRANCH
                from . import cli
                EXPAND_BRANCH = cli.EXPAND_BRANCH
                """);
        project.write("constproj/db/migration/cli.py", """
                import os

                CONTRACT_BRANCH = 'contract'
                EXPAND_BRANCH = "expand"
                MIGRATION_BRANCHES = (EXPAND_BRANCH, CONTRACT_BRANCH)
                LATE_EXPAND = 'expand_late'


                def main():
                    return os.getcwd()
                """);
        project.write("constproj/db/migration/labels.py", "DATA = 'data'\nINITIAL = 'ba5e'\n");
        project.write("migrations/versions/ba5e_initial.py", """
                from constproj.db.migration import labels
                revision = labels.INITIAL
                down_revision = None
                """);
        project.write("migrations/versions/e1e1_expand.py", """
                \"\"\"expand initial\"\"\"
                from constproj.db.migration import cli
                from constproj.db import migration
                revision = 'e1e1'
                down_revision = 'ba5e'
                branch_labels = (cli.EXPAND_BRANCH,)
                """);
        project.write("migrations/versions/c1c1_contract.py", """
                \"\"\"contract initial\"\"\"
                from constproj.db.migration.cli import CONTRACT_BRANCH as CONTRACT
                import constproj.db.migration.labels as names
                revision = 'c1c1'
                down_revision = names.INITIAL
                branch_labels = [CONTRACT]
                depends_on = ('e1e1',)
                """);
        project.write("migrations/versions/e2e2_expand.py", """
                import constproj.db.migration.cli
                revision = 'e2e2'
                down_revision = 'e1e1'
                PARENT = 'c1c1'
                depends_on = PARENT
                branch_labels = constproj.db.migration.cli.LATE_EXPAND
                """);
        project.write("migrations/versions/d1d1_data.py", """
                from constproj.db import migration
                revision = 'd1d1'
                down_revision = None
                branch_labels = migration.DATA_BRANCH
                """);
    }

    private static List<List<String>> commands() {
        List<List<String>> commands = new ArrayList<>();
        for (String[] c : new String[][]{{"heads"}, {"heads", "-v"}, {"heads", "--resolve-dependencies"},
                {"branches"}, {"branches", "-v"}, {"history"}, {"history", "-v"}, {"show", "e1e1"},
                {"show", "c1c1"}, {"show", "ba5e"}, {"show", "expand@head"}, {"show", "contract@head"},
                {"show", "data"}, {"history", "-r", "expand@base:expand@head"}}) {
            commands.add(List.of(c));
        }
        return commands;
    }

    @Test
    void readOnlyCommandsPrintWhatAlembicPrintsWhenConstantsComeFromTheProject() {
        String ini = root.resolve("alembic.ini").toString();
        List<List<String>> alembicForm = new ArrayList<>();
        for (List<String> command : commands()) {
            List<String> form = new ArrayList<>(List.of("-c", ini));
            form.addAll(command);
            alembicForm.add(form);
        }
        List<AlembicCli.Output> expected = AlembicCli.alembic(root, dir, alembicForm, true);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < commands().size(); i++) {
            List<String> ours = new ArrayList<>(commands().get(i));
            ours.addAll(List.of("-c", ini));
            AlembicCli.Output output = AlembicCli.migrabot(ours);
            assertThat(output.stderr()).as("warnings").isEmpty();
            String difference = Comparison.differ(expected.get(i), output);
            if (difference != null) {
                mismatches.add(String.join(" ", commands().get(i)) + "\n" + difference);
            }
        }
        assertThat(expected.get(0).stdout()).as("Alembic's heads").contains("(expand, expand_late)", "(contract)", "(data)");
        assertThat(mismatches).isEmpty();
    }

    @Test
    void aPyprojectTomlAloneGivesTheAnswersOfTheEquivalentIni() {
        String ini = root.resolve("alembic.ini").toString();
        List<AlembicCli.Output> fromIni = new ArrayList<>();
        for (List<String> command : commands()) {
            List<String> form = new ArrayList<>(command);
            form.addAll(List.of("-c", ini));
            fromIni.add(AlembicCli.migrabot(form));
        }
        Path toml = dir.resolve("tomlproject/pyproject.toml");
        AlembicProject copy = AlembicProject.create(toml.getParent());
        copy.write("pyproject.toml", """
                [project]
                name = "constproj"

                [tool.alembic]
                script_location = "%(here)s/../project/migrations"
                prepend_sys_path = ["%(here)s/../project"]
                """);
        // An alembic.ini holding only runtime settings beside it, as Alembic 1.16's pyproject template has.
        Path runtimeIni = copy.write("alembic.ini", "[loggers]\nkeys = root\n");
        for (int i = 0; i < commands().size(); i++) {
            for (List<String> config : List.of(List.of("-c", toml.toString()),
                    List.of("-c", runtimeIni.toString(), "-c", toml.toString()))) {
                List<String> form = new ArrayList<>(commands().get(i));
                form.addAll(config);
                AlembicCli.Output fromToml = AlembicCli.migrabot(form);
                assertThat(fromToml).as(String.join(" ", form)).isEqualTo(fromIni.get(i));
            }
        }
        assertThat(fromIni.get(0).stdout()).contains("(expand, expand_late)");
    }
}

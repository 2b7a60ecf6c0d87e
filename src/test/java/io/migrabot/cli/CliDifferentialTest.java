package io.migrabot.cli;

import io.migrabot.revision.Revision;
import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.AlembicProject.Style;
import io.migrabot.testing.RandomHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four read-only commands against real Alembic 1.8 on generated script directories (forks, merges, several
 * bases, labels, depends_on, every file style): stdout compared line for line, and failures compared by message.
 * Alembic loads files in the order the file system lists them and prints Python sets in hash order; the oracle
 * sorts both, the stable order migrabot picks, so outputs compare line for line.
 */
class CliDifferentialTest {
    @TempDir
    Path dir;

    @Test
    void readOnlyCommandsPrintWhatAlembicPrints() {
        Random random = new Random(7);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int n = 0; n < 24; n++) {
            Path root = dir.resolve("p" + n);
            AlembicProject project = AlembicProject.create(root);
            List<Revision> revisions = RandomHistory.generate(random, 2 + random.nextInt(12));
            Style[] styles = Style.values();
            for (int i = 0; i < revisions.size(); i++) {
                project.revision(i, revisions.get(i), styles[(i + n) % styles.length]);
            }
            List<List<String>> commands = commands(revisions, random);
            String ini = project.ini().toString();
            List<List<String>> alembicForm = new ArrayList<>();
            for (List<String> command : commands) {
                List<String> form = new ArrayList<>(List.of("-c", ini));
                form.addAll(command);
                alembicForm.add(form);
            }
            List<AlembicCli.Output> expected = AlembicCli.alembic(root, dir, alembicForm, true);
            for (int i = 0; i < commands.size(); i++) {
                compared++;
                List<String> ourForm = new ArrayList<>(commands.get(i));
                ourForm.addAll(List.of("-c", ini));
                AlembicCli.Output ours = AlembicCli.migrabot(ourForm);
                String difference = Comparison.differ(expected.get(i), ours);
                if (difference != null) {
                    mismatches.add(String.join(" ", commands.get(i)) + "\n" + difference);
                }
            }
        }
        assertThat(compared).isGreaterThan(400);
        assertThat(mismatches).as("%d of %d command outputs differ", mismatches.size(), compared).isEmpty();
    }

    /** Command lines without the config option, which Alembic wants first and migrabot takes anywhere. */
    private static List<List<String>> commands(List<Revision> revisions, Random random) {
        List<List<String>> commands = new ArrayList<>();
        for (String[] c : new String[][]{{"heads"}, {"heads", "-v"}, {"heads", "--resolve-dependencies"},
                {"branches"}, {"branches", "-v"}, {"history"}, {"history", "-v"}}) {
            commands.add(Arrays.asList(c));
        }
        List<String> args = new ArrayList<>(List.of("head", "heads", "base", "-1", "head-1", "zzzz", "ab"));
        for (Revision r : revisions) {
            args.add(r.id());
            args.add(r.id().substring(0, 4));
            r.branchLabels().forEach(l -> args.addAll(List.of(l + "@head", l)));
        }
        for (int i = 0; i < 6; i++) {
            commands.add(List.of("show", args.get(random.nextInt(args.size()))));
        }
        for (int i = 0; i < 6; i++) {
            String lower = random.nextInt(3) == 0 ? "" : args.get(random.nextInt(args.size()));
            String upper = random.nextInt(3) == 0 ? "" : args.get(random.nextInt(args.size()));
            commands.add(List.of("history", "--rev-range=" + lower + ":" + upper)); // argparse takes "-1:" for an option
        }
        return commands;
    }
}

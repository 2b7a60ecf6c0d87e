package io.migrabot.revision;

import io.migrabot.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version-table bookkeeping against Alembic's own HeadMaintainer: random graphs, a random upgrade from an empty
 * table, then a random downgrade or further upgrade, each step's rows removed and added compared, and the heads
 * left. (Which of a merge's parent rows Alembic updates rather than deletes follows Python set order, so rows are
 * compared per step as sets.)
 */
class VersionHeadsDifferentialTest {
    private static final int GRAPHS = 800;

    @TempDir
    Path dir;

    record Case(RevisionMapDifferentialTest.Scenario scenario, List<String> heads, List<String> steps) {
    }

    @Test
    void everyStepChangesTheTableAsAlembicDoes() {
        Random random = new Random(11);
        List<Case> cases = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < GRAPHS; i++) {
            RevisionMapDifferentialTest.Scenario s = RevisionMapDifferentialTest.Scenario.random(random);
            RevisionGraph graph = RevisionGraph.of(s.revisions());
            input.append("GRAPH\n");
            for (Revision r : s.revisions()) {
                input.append("REV ").append(r.id()).append('|').append(String.join(",", r.downRevisions()))
                        .append('|').append(String.join(",", r.dependsOn())).append('|')
                        .append(String.join(",", r.branchLabels())).append('\n');
            }
            for (int q = 0; q < 4; q++) {
                Case c = randomCase(random, s, graph);
                if (c != null) {
                    cases.add(c);
                    input.append("STEPS ").append(String.join(",", c.heads())).append('|')
                            .append(String.join(" ", c.steps())).append('\n');
                }
            }
        }
        Path oracle = Python.resource("oracle/head_maintainer_oracle.py", dir);
        Python.Result result = Python.run(dir, input.toString(), List.of(oracle.toString()));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String[] answers = result.stdout().split("\n");

        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String ours = apply(RevisionGraph.of(c.scenario().revisions()), c);
            compared++;
            if (!agree(answers[i], ours)) {
                mismatches.add(String.join(" ", c.steps()) + " from " + c.heads() + "\n    alembic:  " + answers[i]
                        + "\n    migrabot: " + ours + "\n    graph: " + c.scenario().describe());
            }
        }
        assertThat(compared).isGreaterThan(GRAPHS);
        assertThat(mismatches).as("%d of %d step sequences differ", mismatches.size(), compared).isEmpty();
    }

    /** An upgrade from empty to a random revision, then an upgrade or downgrade from there. */
    private static Case randomCase(Random random, RevisionMapDifferentialTest.Scenario s, RevisionGraph graph) {
        List<Revision> all = s.revisions();
        try {
            String first = all.get(random.nextInt(all.size())).id();
            List<String> steps = new ArrayList<>();
            List<RevisionNode> up = graph.traversal().upgradePlan(first, List.of());
            up.forEach(n -> steps.add("U:" + n.id()));
            VersionHeads table = new VersionHeads(graph, List.of());
            for (RevisionNode n : up) {
                table.step(n, true);
            }
            List<String> heads = table.heads();
            String second = random.nextInt(4) == 0 ? "base" : all.get(random.nextInt(all.size())).id();
            if (random.nextBoolean()) {
                graph.traversal().downgradePlan(second, heads).forEach(n -> steps.add("D:" + n.id()));
            } else {
                graph.traversal().upgradePlan(second, heads).forEach(n -> steps.add("U:" + n.id()));
            }
            return new Case(s, List.of(), steps);
        } catch (RevisionException e) {
            return null; // no such plan (Alembic refuses it too, as RevisionMapDifferentialTest checks)
        }
    }

    private static String apply(RevisionGraph graph, Case c) {
        try {
            VersionHeads table = new VersionHeads(graph, c.heads());
            List<String> described = new ArrayList<>();
            for (String step : c.steps()) {
                RevisionNode node = graph.node(step.substring(2));
                TreeSet<String> removed = new TreeSet<>();
                TreeSet<String> added = new TreeSet<>();
                for (VersionChange change : table.step(node, step.startsWith("U:"))) {
                    if (change instanceof VersionChange.Insert insert) {
                        added.add(insert.version());
                    } else if (change instanceof VersionChange.Delete delete) {
                        removed.add(delete.version());
                    } else if (change instanceof VersionChange.Update update) {
                        removed.add(update.from());
                        added.add(update.to());
                    }
                }
                List<String> parts = new ArrayList<>();
                removed.forEach(r -> parts.add("-" + r));
                added.forEach(a -> parts.add("+" + a));
                described.add(String.join(" ", parts));
            }
            return "OK " + String.join("; ", described) + " => " + String.join(",", new TreeSet<>(table.heads()));
        } catch (RevisionException e) {
            return "ERR " + e.getMessage();
        }
    }

    private static boolean agree(String alembic, String migrabot) {
        return alembic.equals(migrabot) || (alembic.startsWith("ERR ") && migrabot.startsWith("ERR "));
    }
}

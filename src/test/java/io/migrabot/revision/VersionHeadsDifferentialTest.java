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
 * table, then a random downgrade, further upgrade, or stamp (with and without purge); each step's rows removed and
 * added compared, and the heads left. (Which of a merge's parent rows Alembic updates rather than deletes follows Python set order, so rows are
 * compared per step as sets.)
 */
class VersionHeadsDifferentialTest {
    private static final int GRAPHS = 800;

    @TempDir
    Path dir;

    /** Steps to apply from empty; for a stamp, the upgrade steps that reach the stamp's starting heads. */
    record Case(RevisionMapDifferentialTest.Scenario scenario, List<String> heads, List<String> steps,
                List<String> stampTo, boolean purge) {
        boolean isStamp() {
            return stampTo != null;
        }

        String oracleLine() {
            if (isStamp()) {
                return "STAMP " + String.join(",", steps.stream().map(x -> x.substring(2)).toList()) + "|"
                        + String.join(",", stampTo) + "|" + (purge ? "1" : "0");
            }
            return "STEPS " + String.join(",", heads) + "|" + String.join(" ", steps);
        }
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
            for (int q = 0; q < 6; q++) {
                Case c = q < 4 ? randomCase(random, s, graph) : randomStamp(random, s, graph);
                if (c != null) {
                    cases.add(c);
                    input.append(c.oracleLine()).append('\n');
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
            return new Case(s, List.of(), steps, null, false);
        } catch (RevisionException e) {
            return null; // no such plan (Alembic refuses it too, as RevisionMapDifferentialTest checks)
        }
    }

    /** An upgrade from empty to a random revision, then a stamp to one or two random arguments. */
    private static Case randomStamp(Random random, RevisionMapDifferentialTest.Scenario s, RevisionGraph graph) {
        List<Revision> all = s.revisions();
        try {
            List<String> steps = new ArrayList<>();
            graph.traversal().upgradePlan(all.get(random.nextInt(all.size())).id(), List.of())
                    .forEach(n -> steps.add("U:" + n.id()));
            List<String> choices = new ArrayList<>(List.of("base", "heads", "head"));
            all.forEach(r -> choices.add(r.id()));
            all.forEach(r -> r.branchLabels().forEach(l -> choices.add(l + "@head")));
            List<String> to = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(2); i++) {
                to.add(choices.get(random.nextInt(choices.size())));
            }
            return new Case(s, List.of(), steps, to, random.nextInt(5) == 0);
        } catch (RevisionException e) {
            return null;
        }
    }

    private static String apply(RevisionGraph graph, Case c) {
        try {
            VersionHeads table = new VersionHeads(graph, c.heads());
            List<String> described = new ArrayList<>();
            for (String step : c.steps()) {
                List<VersionChange> changes = table.step(graph.node(step.substring(2)), step.startsWith("U:"));
                if (!c.isStamp()) {
                    described.add(describe(changes));
                }
            }
            if (c.isStamp()) {
                described.add(describe(table.stamp(c.stampTo(), c.purge())));
            }
            return "OK " + String.join("; ", described) + " => " + String.join(",", new TreeSet<>(table.heads()));
        } catch (RevisionException e) {
            return "ERR " + e.getMessage();
        }
    }

    /** Rows removed and added by some changes, each sorted: "-a -b +c". */
    private static String describe(List<VersionChange> changes) {
        TreeSet<String> removed = new TreeSet<>();
        TreeSet<String> added = new TreeSet<>();
        for (VersionChange change : changes) {
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
        return String.join(" ", parts);
    }

    private static boolean agree(String alembic, String migrabot) {
        return alembic.equals(migrabot) || (alembic.startsWith("ERR ") && migrabot.startsWith("ERR "));
    }
}

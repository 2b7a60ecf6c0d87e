package io.migrabot.revision;

import io.migrabot.testing.Python;
import io.migrabot.testing.RandomHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random revision graphs, the same queries asked of this graph and of Alembic's own RevisionMap (through
 * {@code oracle/revision_map_oracle.py}): heads, bases, labels, every argument form, and history, upgrade and
 * downgrade iteration. Answers must match exactly, errors included, except where Alembic crashes on an internal
 * assertion: there any refusal from migrabot counts.
 */
class RevisionMapDifferentialTest {
    private static final int GRAPHS = 2000;

    @TempDir
    Path dir;

    @Test
    void randomGraphsAnswerEveryQueryAsAlembicDoes() {
        Random random = new Random(20261121);
        List<Scenario> scenarios = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < GRAPHS; i++) {
            Scenario s = Scenario.random(random);
            scenarios.add(s);
            input.append(s.oracleInput());
        }
        Path oracle = Python.resource("oracle/revision_map_oracle.py", dir);
        Python.Result result = Python.run(dir, input.toString(), List.of(oracle.toString()));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String[] answers = result.stdout().split("\n", -1);

        List<String> mismatches = new ArrayList<>();
        int line = 0;
        int compared = 0;
        for (Scenario s : scenarios) {
            RevisionGraph graph = RevisionGraph.of(s.revisions());
            for (String[] query : s.queries()) {
                String expected = answers[line++];
                String actual = Queries.answer(graph, query);
                compared++;
                if (!Queries.agree(expected, actual)) {
                    mismatches.add(String.join("|", query) + "\n    alembic:  " + expected + "\n    migrabot: "
                            + actual + "\n    graph: " + s.describe());
                }
            }
        }
        assertThat(compared).isGreaterThan(GRAPHS * 20);
        assertThat(mismatches).as("%d of %d answers differ", mismatches.size(), compared)
                .isEmpty();
    }

    /** A random graph and the queries to ask about it. */
    record Scenario(List<Revision> revisions, List<String[]> queries) {
        static Scenario random(Random random) {
            List<Revision> revisions = RandomHistory.generate(random, 1 + random.nextInt(12));
            List<String> labels = new ArrayList<>();
            revisions.forEach(r -> labels.addAll(r.branchLabels()));
            return new Scenario(revisions, queries(random, revisions, labels));
        }

        private static List<String[]> queries(Random random, List<Revision> revisions, List<String> labels) {
            List<String> args = new ArrayList<>(List.of("head", "heads", "base", "-1", "-2", "head-1", "heads-1",
                    "+1", "ab", "ab1", "c1"));
            for (Revision r : revisions) {
                args.add(r.id());
                args.add(r.id().substring(0, 4));
                args.add(r.id() + "+1");
                args.add(r.id() + "-1");
            }
            for (String label : labels) {
                args.addAll(List.of(label, label + "@head", label + "@heads", label + "@-1", label + "@+1",
                        label + "@base"));
            }
            args.add("nolabel@head");
            List<String[]> queries = new ArrayList<>();
            queries.add(new String[]{"heads"});
            queries.add(new String[]{"realheads"});
            queries.add(new String[]{"bases"});
            for (Revision r : revisions) {
                queries.add(new String[]{"labels", r.id()});
            }
            for (String arg : args) {
                queries.add(new String[]{"get", arg});
                queries.add(new String[]{"one", arg});
            }
            for (int i = 0; i < 12; i++) {
                String upper = pick(random, args);
                String lower = random.nextBoolean() ? "base" : pick(random, args);
                queries.add(new String[]{"iter", "s:" + upper, "s:" + lower, "0110"});
            }
            for (int i = 0; i < 10; i++) {
                queries.add(new String[]{"iter", "s:" + pick(random, args), current(random, revisions), "1010"});
            }
            for (int i = 0; i < 10; i++) {
                queries.add(new String[]{"iter", current(random, revisions), "s:" + pick(random, args), "0011"});
            }
            return queries;
        }

        private static String current(Random random, List<Revision> revisions) {
            int n = random.nextInt(3);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = revisions.get(random.nextInt(revisions.size())).id();
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
            return "t:" + String.join(",", ids);
        }

        private static String pick(Random random, List<String> args) {
            return args.get(random.nextInt(args.size()));
        }

        String oracleInput() {
            StringBuilder b = new StringBuilder("GRAPH\n");
            for (Revision r : revisions) {
                b.append("REV ").append(r.id()).append('|').append(String.join(",", r.downRevisions())).append('|')
                        .append(String.join(",", r.dependsOn())).append('|')
                        .append(String.join(",", r.branchLabels())).append('\n');
            }
            for (String[] q : queries) {
                b.append("Q ").append(String.join("|", q)).append('\n');
            }
            return b.toString();
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            for (Revision r : revisions) {
                parts.add(r.id() + "<-" + r.downRevisions() + (r.dependsOn().isEmpty() ? "" : " deps" + r.dependsOn())
                        + (r.branchLabels().isEmpty() ? "" : " " + r.branchLabels()));
            }
            return String.join("; ", parts);
        }
    }
}

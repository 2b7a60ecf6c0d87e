package io.migrabot.doctor;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.revision.Revision;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.schema.SchemaModel;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.migrabot.schema.Models.col;
import static io.migrabot.schema.Models.model;
import static io.migrabot.schema.Models.table;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The doctor's rules on each runbook situation, from facts alone. History: a1 (users) → b2 (orders) → c3 (items);
 * each revision's expected schema adds its table.
 */
class ExaminationTest {
    private static final SchemaModel BASE = model().build();
    private static final SchemaModel A1 = model().table(table("public.users", col("id", "integer"))).build();
    private static final SchemaModel B2 = model().table(table("public.users", col("id", "integer")))
            .table(table("public.orders", col("id", "integer"))).build();
    private static final SchemaModel C3 = model().table(table("public.users", col("id", "integer")))
            .table(table("public.orders", col("id", "integer"))).table(table("public.items", col("id", "integer")))
            .build();

    private static Revision rev(String id, String message, String... parents) {
        return new Revision(id, Arrays.asList(parents), List.of(), List.of(), message, id + ".py");
    }

    private static final RevisionGraph LINE = RevisionGraph.of(List.of(rev("a1", "users"), rev("b2", "orders", "a1"),
            rev("c3", "items", "b2")));

    private static Facts.Expected expected(RevisionGraph graph) {
        Map<String, SchemaModel> all = new LinkedHashMap<>(Map.of("a1", A1, "b2", B2, "c3", C3));
        all.keySet().retainAll(graph.heads().isEmpty() ? List.of() : all.keySet());
        return new Facts.Expected() {
            @Override
            public SchemaModel at(List<String> heads) {
                return heads.isEmpty() ? BASE : all.get(heads.get(0));
            }

            @Override
            public Map<String, SchemaModel> all() {
                return all;
            }
        };
    }

    private static Diagnosis diagnose(RevisionGraph graph, Optional<List<String>> recorded, SchemaModel live) {
        return Examination.diagnose(new Facts("shop", Optional.empty(), List.of(), graph, List.of(), Optional.empty(), recorded,
                live, expected(graph)));
    }

    private static Finding only(Diagnosis diagnosis, FindingKind kind) {
        assertThat(diagnosis.findings()).extracting(Finding::kind).contains(kind);
        return diagnosis.findings().stream().filter(f -> f.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void aDatabaseAtHeadWithTheExpectedSchemaIsHealthy() {
        assertThat(diagnose(LINE, Optional.of(List.of("c3")), C3).healthy()).isTrue();
    }

    private static final RevisionGraph FORKED = RevisionGraph.of(List.of(rev("a1", "users"),
            rev("b2", "orders", "a1"), rev("x9", "leaderboard rewards", "a1"), rev("c3", "items", "b2")));

    @Test
    void severalHeadsShowWhereTheyForkAndOfferAMergeAndTheBehindFindingOffersTheOneUpgradeOfAllHeads() {
        Diagnosis diagnosis = diagnose(FORKED, Optional.of(List.of("a1")), A1);
        Finding heads = only(diagnosis, FindingKind.SEVERAL_HEADS);
        assertThat(heads.summary()).isEqualTo("2 heads: x9, c3");
        assertThat(heads.evidence()).containsExactly("they fork at a1",
                "head x9 (leaderboard rewards): 1 revision(s) on its side: x9",
                "head c3 (items): 2 revision(s) on its side: c3, b2");
        assertThat(heads.fixes()).extracting(Fix::operation, Fix::arguments).containsExactly(
                org.assertj.core.groups.Tuple.tuple("merge", List.of("-m", "merge heads")));
        assertThat(diagnosis.findings()).flatExtracting(Finding::fixes).extracting(Fix::label)
                .containsExactly("Write a merge revision", "Upgrade to all heads");
        assertThat(only(diagnosis, FindingKind.BEHIND).fixes()).extracting(Fix::arguments)
                .containsExactly(List.of("heads"));
    }

    @Test
    void aDatabaseAtEveryHeadIsOfferedNoUpgrade() {
        SchemaModel both = model().table(table("public.users", col("id", "integer")))
                .table(table("public.orders", col("id", "integer"))).table(table("public.items", col("id", "integer")))
                .table(table("public.rewards", col("id", "integer"))).build();
        Facts.Expected expected = new Facts.Expected() {
            @Override
            public SchemaModel at(List<String> heads) {
                return heads.size() == 2 ? both : BASE;
            }

            @Override
            public Map<String, SchemaModel> all() {
                return Map.of("a1", A1, "b2", B2, "c3", C3);
            }
        };
        Diagnosis diagnosis = Examination.diagnose(new Facts("shop", Optional.empty(), List.of(), FORKED, List.of(),
                Optional.empty(), Optional.of(List.of("x9", "c3")), both, expected));
        assertThat(diagnosis.findings()).extracting(Finding::kind).containsExactly(FindingKind.SEVERAL_HEADS);
        assertThat(diagnosis.findings()).flatExtracting(Finding::fixes).extracting(Fix::operation)
                .containsExactly("merge");
    }

    @Test
    void anUnknownStampIsShownWithTheRevisionWhoseSchemaMatches() {
        Finding stamp = only(diagnose(LINE, Optional.of(List.of("dead01")), B2), FindingKind.UNKNOWN_STAMP);
        assertThat(stamp.summary()).isEqualTo("stamped with dead01, which the scripts do not have");
        assertThat(stamp.evidence()).contains("the live schema is exactly what revision b2 produces");
        assertThat(stamp.fixes()).extracting(Fix::arguments).containsExactly(List.of("b2", "--purge"));
    }

    @Test
    void tablesWithoutAVersionTableAreMatchedToARevisionToStamp() {
        Finding unversioned = only(diagnose(LINE, Optional.empty(), C3), FindingKind.UNVERSIONED_SCHEMA);
        assertThat(unversioned.evidence()).contains("3 table(s), no version table",
                "the live schema is exactly what revision c3 produces");
        assertThat(unversioned.fixes()).extracting(Fix::operation, Fix::arguments)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stamp", List.of("c3")));
    }

    @Test
    void aStampAheadOfTheRealSchemaOffersTheMatchingStampThenTheUpgradeIsPending() {
        Finding mismatch = only(diagnose(LINE, Optional.of(List.of("c3")), BASE), FindingKind.STAMP_MISMATCH);
        assertThat(mismatch.summary()).isEqualTo("stamped at c3, ahead of the real schema, which is base");
        assertThat(mismatch.fixes()).extracting(Fix::arguments).containsExactly(List.of("base", "--purge"));
        Finding ahead = only(diagnose(LINE, Optional.of(List.of("c3")), A1), FindingKind.STAMP_MISMATCH);
        assertThat(ahead.summary()).isEqualTo("stamped at c3, ahead of the real schema, which is a1");
        assertThat(ahead.evidence()).anyMatch(line -> line.contains("public.orders"));
    }

    @Test
    void aDatabaseBehindOffersTheUpgrade() {
        Finding behind = only(diagnose(LINE, Optional.of(List.of("a1")), A1), FindingKind.BEHIND);
        assertThat(behind.summary()).isEqualTo("2 revision(s) pending from a1");
        assertThat(behind.evidence()).containsExactly("pending, in order: b2, c3");
        assertThat(behind.fixes()).extracting(Fix::arguments).containsExactly(List.of("head"));
        Finding empty = only(diagnose(LINE, Optional.empty(), BASE), FindingKind.BEHIND);
        assertThat(empty.summary()).isEqualTo("3 revision(s) pending from base");
    }

    @Test
    void handMadeChangesAreDriftWithTheDifferencesAndNoStampIsGuessed() {
        SchemaModel patched = model().table(table("public.users", col("id", "integer"), col("nick", "text")))
                .table(table("public.orders", col("id", "integer"))).build();
        Diagnosis diagnosis = diagnose(LINE, Optional.of(List.of("b2")), patched);
        Finding drift = only(diagnosis, FindingKind.SCHEMA_DRIFT);
        assertThat(drift.evidence()).anyMatch(line -> line.contains("nick"));
        assertThat(drift.evidence()).anyMatch(line -> line.startsWith("no revision produces the live schema "
                + "exactly, so no stamp is offered; the closest is b2"));
        assertThat(drift.fixes()).isEmpty();
        assertThat(diagnosis.findings()).extracting(Finding::kind).contains(FindingKind.BEHIND);
    }

    @Test
    void aProjectThatCannotLoadIsOneFindingAndNothingElse() {
        Diagnosis diagnosis = Examination.diagnose(new Facts("shop", Optional.of("Interpolation error: '%04d'"), List.of(),
                null, List.of(), Optional.empty(), Optional.empty(), null, null));
        assertThat(diagnosis.findings()).extracting(Finding::kind).containsExactly(FindingKind.CONFIGURATION);
        assertThat(diagnosis.hasErrors()).isTrue();
    }

    @Test
    void anEmptyVersionsFolderIsSaidInAlembicsWords() {
        Diagnosis diagnosis = diagnose(RevisionGraph.of(List.of()), Optional.empty(), BASE);
        assertThat(diagnosis.findings()).extracting(Finding::kind).containsExactly(FindingKind.NO_REVISIONS);
    }

    @Test
    void brokenHistoriesAreScriptProblemsAndTheDatabaseIsNotJudgedAgainstThem() {
        RevisionGraph broken = RevisionGraph.of(List.of(rev("a1", "users"), rev("b2", "orders", "gone")));
        Diagnosis diagnosis = diagnose(broken, Optional.of(List.of("a1")), BASE);
        assertThat(diagnosis.findings()).extracting(Finding::kind).containsOnly(FindingKind.SCRIPT_PROBLEM,
                FindingKind.SEVERAL_HEADS);
    }

    @Test
    void expectedSchemasThatCannotBeBuiltAreSaidAndTheRestStillChecked() {
        Facts.Expected failing = new Facts.Expected() {
            @Override
            public SchemaModel at(List<String> heads) {
                throw new MigrabotException(ErrorCode.DATABASE, "permission denied to create database");
            }

            @Override
            public Map<String, SchemaModel> all() {
                throw new MigrabotException(ErrorCode.DATABASE, "permission denied to create database");
            }
        };
        Diagnosis diagnosis = Examination.diagnose(new Facts("shop", Optional.empty(), List.of(), LINE, List.of(),
                Optional.empty(), Optional.of(List.of("a1")), A1, failing));
        assertThat(diagnosis.findings()).extracting(Finding::kind).containsExactly(FindingKind.NO_EXPECTED_SCHEMA,
                FindingKind.BEHIND);
    }

    @Test
    void theFingerprintDependsOnWhatWasFoundOnly() {
        assertThat(diagnose(LINE, Optional.of(List.of("a1")), A1).fingerprint())
                .isEqualTo(diagnose(LINE, Optional.of(List.of("a1")), A1).fingerprint())
                .isNotEqualTo(diagnose(LINE, Optional.of(List.of("b2")), B2).fingerprint());
    }
}

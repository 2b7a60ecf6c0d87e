package io.migrabot.impact;

import io.migrabot.schema.QualifiedName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Risks and the wording of findings, from measurements alone. */
class RatingTest {
    private static final QualifiedName USERS = QualifiedName.of("public", "users");
    private static final Shape BEFORE = users(new Shape.Column("id", "integer"),
            new Shape.Column("nick", "character varying(100)"));
    private static final RelationSize BIG = new RelationSize(1_234_567, 850L << 20);
    private static final RelationSize SMALL = new RelationSize(120, 16 << 10);

    private static Shape users(Shape.Column... columns) {
        return new Shape(Map.of(USERS, List.of(columns)), Map.of(), Set.of());
    }

    private static RevisionImpact rate(Measured m, RelationSize size, boolean production) {
        return Rating.rate(m, name -> size, RiskThresholds.DEFAULT, production);
    }

    private static Measured measured(Map<QualifiedName, LockMode> locks, List<QualifiedName> rewritten,
                                     Shape after) {
        return new Measured("r2", Measured.Seen.IN_TRANSACTION, locks, rewritten, List.of(), BEFORE, after, Optional.empty());
    }

    @Test
    void aRewriteOfALargeTableIsHighAndSaysWhoWaits() {
        RevisionImpact impact = rate(measured(Map.of(USERS, LockMode.ACCESS_EXCLUSIVE), List.of(USERS), BEFORE), BIG,
                false);
        assertThat(impact.risk()).isEqualTo(Risk.HIGH);
        assertThat(impact.findings()).containsExactly("rewrites public.users (≈1.2M rows, 850 MB) under "
                + "AccessExclusiveLock: reads and writes wait until it ends");
        assertThat(rate(measured(Map.of(USERS, LockMode.ACCESS_EXCLUSIVE), List.of(USERS), BEFORE), SMALL, false)
                .risk()).isEqualTo(Risk.MEDIUM);
    }

    @Test
    void locksThatLetWritesGoOnAreLowAndWeakerOnesAreNotMentioned() {
        RevisionImpact impact = rate(measured(Map.of(USERS, LockMode.SHARE_UPDATE_EXCLUSIVE,
                QualifiedName.of("public", "orders"), LockMode.ROW_EXCLUSIVE), List.of(), BEFORE), BIG, true);
        assertThat(impact.risk()).isEqualTo(Risk.LOW);
        assertThat(impact.findings()).containsExactly("locks public.users (≈1.2M rows, 850 MB) in "
                + "ShareUpdateExclusiveLock: reads and writes go on; schema changes and VACUUM wait");
    }

    @Test
    void whatIsDestroyedIsDataLossHighOnProductionOnly() {
        Shape after = users(new Shape.Column("id", "smallint"), new Shape.Column("nick", "character varying(20)"));
        RevisionImpact prod = rate(measured(Map.of(), List.of(), after), SMALL, true);
        assertThat(prod.risk()).isEqualTo(Risk.HIGH);
        assertThat(prod.findings()).containsExactly(
                "narrows public.users.id from integer to smallint: values that do not fit make it fail or are cut "
                        + "(≈120 rows, 16 kB): data loss",
                "narrows public.users.nick from character varying(100) to character varying(20): values that do "
                        + "not fit make it fail or are cut (≈120 rows, 16 kB): data loss");
        assertThat(rate(measured(Map.of(), List.of(), Shape.EMPTY), SMALL, false).findings())
                .containsExactly("drops table public.users (≈120 rows, 16 kB): data loss");
        assertThat(rate(measured(Map.of(), List.of(), Shape.EMPTY), SMALL, false).risk()).isEqualTo(Risk.MEDIUM);
    }

    @Test
    void narrowingIsTold() {
        assertThat(Destruction.narrows("character varying(50)", "character varying(100)")).isFalse();
        assertThat(Destruction.narrows("integer", "bigint")).isFalse();
        assertThat(Destruction.narrows("text", "character varying(10)")).isTrue();
        assertThat(Destruction.narrows("numeric(10,2)", "numeric(8,2)")).isTrue();
        assertThat(Destruction.narrows("timestamp without time zone", "timestamp with time zone")).isFalse();
    }

    @Test
    void aRevisionThatFailedIsUnknownAndUnknownCountsAsHigh() {
        RevisionImpact impact = rate(Measured.failed("r9", "at r9.sql:5: relation \"nosuch\" does not exist"), SMALL,
                false);
        assertThat(impact.risk()).isEqualTo(Risk.UNKNOWN);
        assertThat(impact.findings()).containsExactly("fails in the shadow database, so its impact is unknown: at "
                + "r9.sql:5: relation \"nosuch\" does not exist");
        assertThat(Risk.UNKNOWN.atLeast(Risk.HIGH)).isTrue();
        assertThat(Risk.MEDIUM.atLeast(Risk.HIGH)).isFalse();
        ImpactReport report = new ImpactReport("shop", "upgrade", "head", List.of("r1"), List.of(impact),
                Optional.empty());
        assertThat(report.risk()).isEqualTo(Risk.UNKNOWN);
    }

    @Test
    void theFingerprintCoversFindingsButNotLiveSizes() {
        Measured m = measured(Map.of(USERS, LockMode.ACCESS_EXCLUSIVE), List.of(USERS), BEFORE);
        ImpactReport big = new ImpactReport("shop", "upgrade", "head", List.of(), List.of(rate(m, BIG, false)),
                Optional.empty());
        ImpactReport bigger = new ImpactReport("shop", "upgrade", "head", List.of(),
                List.of(rate(m, new RelationSize(1_300_000, 900L << 20), false)), Optional.empty());
        ImpactReport small = new ImpactReport("shop", "upgrade", "head", List.of(), List.of(rate(m, SMALL, false)),
                Optional.empty());
        assertThat(bigger.fingerprint()).isEqualTo(big.fingerprint());
        assertThat(small.fingerprint()).isNotEqualTo(big.fingerprint()); // medium now
    }
}

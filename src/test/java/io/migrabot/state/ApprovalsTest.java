package io.migrabot.state;

import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ApprovalsTest {
    private Postgres.Database db;
    private StateDatabase state;
    private Approvals approvals;

    @BeforeEach
    void open() {
        db = Postgres.create("approvals");
        state = StateDatabase.open(Targets.config(db).connection(), "test");
        approvals = new Approvals(state);
    }

    @AfterEach
    void close() {
        state.close();
        db.close();
    }

    private String request(int required, boolean selfApproval, Duration expires) {
        return approvals.create("shop", "upgrade", List.of("head"), "f1", 1, "alice", selfApproval, "summary", 1,
                required, expires);
    }

    @Test
    void idsAreOpaqueAndFitInButtonData() {
        String id = request(1, false, Duration.ofMinutes(15));
        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(("ap:" + id).getBytes()).hasSizeLessThanOrEqualTo(64);
        assertThat(request(1, false, Duration.ofMinutes(15))).isNotEqualTo(id);
    }

    @Test
    void ofManyApproversPressingAtOnceExactlyOneIsToldToExecute() throws Exception {
        String id = request(1, false, Duration.ofMinutes(15));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Approvals.Verdict>> verdicts = new ArrayList<>();
            for (long user = 2; user < 18; user++) {
                long approver = user;
                verdicts.add(pool.submit((Callable<Approvals.Verdict>) () -> approvals.approve(id, approver)
                        .verdict()));
            }
            List<Approvals.Verdict> all = new ArrayList<>();
            for (Future<Approvals.Verdict> verdict : verdicts) {
                all.add(verdict.get());
            }
            assertThat(all).containsOnlyOnce(Approvals.Verdict.APPROVED);
            assertThat(all).filteredOn(v -> v != Approvals.Verdict.APPROVED).containsOnly(Approvals.Verdict.CLOSED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(approvals.find(id).orElseThrow().state()).isEqualTo("executing");
    }

    @Test
    void twoApprovalsAreCountedWhenTwoAreRequired() {
        String id = request(2, false, Duration.ofMinutes(15));
        assertThat(approvals.approve(id, 1).verdict()).isEqualTo(Approvals.Verdict.SELF_APPROVAL);
        assertThat(approvals.approve(id, 2).verdict()).isEqualTo(Approvals.Verdict.COUNTED);
        assertThat(approvals.approve(id, 2).verdict()).isEqualTo(Approvals.Verdict.REPEATED);
        assertThat(approvals.approve(id, 3).verdict()).isEqualTo(Approvals.Verdict.APPROVED);
        assertThat(approvals.reject(id, 4).verdict()).isEqualTo(Approvals.Verdict.CLOSED);
    }

    @Test
    void expiredRequestsAreRefusedAndSweptOnce() throws Exception {
        String id = request(1, true, Duration.ofMillis(200));
        Thread.sleep(400);
        assertThat(approvals.expireDue()).extracting(Approvals.Request::id).containsExactly(id);
        assertThat(approvals.expireDue()).isEmpty();
        assertThat(approvals.approve(id, 1).verdict()).isEqualTo(Approvals.Verdict.CLOSED);
        String late = request(1, true, Duration.ofMillis(100));
        Thread.sleep(300);
        assertThat(approvals.approve(late, 1).verdict()).isEqualTo(Approvals.Verdict.EXPIRED);
    }

    @Test
    void unknownIdsAreUnknown() {
        assertThat(approvals.approve("nope", 1).verdict()).isEqualTo(Approvals.Verdict.UNKNOWN);
    }
}

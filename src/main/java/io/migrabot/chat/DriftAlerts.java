package io.migrabot.chat;

import io.migrabot.MigrabotException;
import io.migrabot.config.BotSettings;
import io.migrabot.config.TargetConfig;
import io.migrabot.doctor.Diagnosis;
import io.migrabot.doctor.Finding;
import io.migrabot.doctor.FindingKind;
import io.migrabot.schedule.DriftScheduler;
import io.migrabot.state.DriftStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scheduled drift checks, from the doctor's diagnosis to the chats: a new unhealthy state is alerted once, with
 * the findings as /doctor shows them; a target that cannot be checked is reported as a failed check, once per
 * reason; a state that ends after an alert is announced as resolved. Each target is checked on its own, so one
 * that fails never holds up another's alerts. Every check is counted, with its findings.
 */
final class DriftAlerts {
    /** Findings that mean the doctor could not look, rather than that it saw something wrong. */
    private static final Set<FindingKind> INCONCLUSIVE = EnumSet.of(FindingKind.DATABASE_UNREACHABLE,
            FindingKind.NO_EXPECTED_SCHEMA);
    /** Room left in an alert's one message for the lines pressing its buttons adds. */
    private static final int ALERT_LIMIT = Html.MESSAGE_LIMIT - 400;
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Logger log = LoggerFactory.getLogger(DriftAlerts.class);

    private final ChatContext context;
    private final ChatSender sender;

    DriftAlerts(ChatContext context, ChatSender sender) {
        this.context = context;
        this.sender = sender;
    }

    /** Starts the checks of the targets whose checks run (enabled, with a chat to alert) on {@code scheduler}. */
    void start(DriftScheduler scheduler) {
        BotSettings bot = context.config().bot();
        Map<String, String> crons = new LinkedHashMap<>();
        for (TargetConfig target : context.config().targets().values()) {
            if (target.drift().runs(bot)) {
                crons.put(target.name(), target.drift().cron());
            } else {
                log.info("No drift checks for {}: {}", target.name(), target.drift().enabled()
                        ? "no chat to alert (drift.chats or chats)" : "drift.enabled is false");
            }
        }
        scheduler.start(crons, this::check);
    }

    /**
     * What one check found, and what an alert about it would show.
     *
     * @param findings how many problems it found; empty when it could not look
     */
    private record Result(DriftStates.Found found, String alert, OptionalInt findings) {
    }

    /** Checks one target; never throws, so a scheduled job ends cleanly whatever happened. */
    void check(String name, Instant slot) {
        Optional<TargetConfig> target = context.config().target(name);
        if (target.isEmpty()) {
            log.warn("A drift check of {} was scheduled, but no target has that name in this configuration", name);
            return;
        }
        long started = System.nanoTime();
        try {
            Result result = examine(target.get());
            DriftStates.Recorded recorded = context.drift().record(name, result.found(), result.alert());
            switch (recorded.verdict()) {
                case ALERT -> post(target.get(), recorded.alertId().orElseThrow(), result.alert());
                case RESOLVED -> resolved(target.get());
                case QUIET -> {
                }
            }
            context.metrics().driftCheck(name, result.found().kind().name().toLowerCase(Locale.ROOT),
                    result.findings());
            log.info("Drift check of {} for {}: {} ({}), {}, {} ms", name, slot, result.found().kind(),
                    result.found().detail(), recorded.verdict(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.error("Drift check of {} could not be recorded or reported", name, e);
        }
    }

    private Result examine(TargetConfig target) {
        Diagnosis diagnosis;
        try {
            diagnosis = context.doctor().examine(target, () -> context.targets().open(target.name()));
        } catch (MigrabotException e) {
            return failed(target, e.getMessage(), e.getMessage());
        } catch (RuntimeException e) {
            String id = Conversation.incidentId();
            log.error("Drift check of {} failed unexpectedly (incident {})", target.name(), id, e);
            // the incident id is left out of what identifies the state, so a repeated bug is reported once
            return failed(target, "an unexpected error (incident " + id + "); the log has the details",
                    "unexpected error");
        }
        List<String> reasons = diagnosis.findings().stream().filter(f -> INCONCLUSIVE.contains(f.kind()))
                .map(Finding::summary).toList();
        if (!reasons.isEmpty()) {
            String reason = String.join("; ", reasons);
            return failed(target, reason, reason);
        }
        if (diagnosis.healthy()) {
            return new Result(new DriftStates.Found(DriftStates.Kind.HEALTHY, "", "no problem found"), "",
                    OptionalInt.of(0));
        }
        String html = "🚨 <b>Drift alert</b> from the scheduled check\n" + DoctorCommands.report(diagnosis);
        List<String> parts = Html.split(html, ALERT_LIMIT);
        String alert = parts.size() == 1 ? html : parts.get(0) + "\n… more with /doctor " + Html.escape(target.name());
        return new Result(new DriftStates.Found(DriftStates.Kind.DRIFT, diagnosis.fingerprint(),
                diagnosis.findings().size() + " finding(s)"), alert, OptionalInt.of(diagnosis.findings().size()));
    }

    /** @param identity what tells this failure from another: the reason, or a stable stand-in for it */
    private static Result failed(TargetConfig target, String reason, String identity) {
        String alert = "❌ <b>check of " + Html.escape(target.name()) + " failed</b>: " + Html.escape(reason)
                + "\nThe other targets are checked as usual; this one again on its schedule.";
        // numbers in a reason are mostly measurements that differ between checks of one failure (how long a
        // connection was waited for, a pool's counts); they do not make it a new failure
        String fingerprint = sha256(NUMBER.matcher(identity).replaceAll("#"));
        return new Result(new DriftStates.Found(DriftStates.Kind.FAILED, fingerprint, reason),
                Html.split(alert, ALERT_LIMIT).get(0), OptionalInt.empty());
    }

    /** Posts the alert to each of the target's chats; when none could be reached, the next check tries again. */
    private void post(TargetConfig target, String alertId, String html) {
        int delivered = 0;
        for (long chat : target.drift().alertChats(context.config().bot())) {
            try {
                int message = new Replies(sender, chat).text(html, DriftButtons.buttons(alertId, false));
                context.drift().attachMessage(alertId, chat, message);
                delivered++;
            } catch (RuntimeException e) {
                log.warn("Could not post the drift alert of {} to chat {}: {}", target.name(), chat, e.getMessage());
            }
        }
        if (delivered == 0) {
            context.drift().forget(alertId);
        }
    }

    private void resolved(TargetConfig target) {
        for (long chat : target.drift().alertChats(context.config().bot())) {
            try {
                new Replies(sender, chat).text("✅ <b>" + Html.escape(target.name()) + "</b>: resolved; the "
                        + "scheduled check finds no problem any more.");
            } catch (RuntimeException e) {
                log.warn("Could not tell chat {} that {} is resolved: {}", chat, target.name(), e.getMessage());
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

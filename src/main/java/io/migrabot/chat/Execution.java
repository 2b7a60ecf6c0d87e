package io.migrabot.chat;

import io.migrabot.MigrabotException;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.state.Audit;
import io.migrabot.state.Journal;
import io.migrabot.state.StateRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs an operation for a chat: writes it to the journal (once per update: a redelivered update finds its entry
 * and starts nothing), posts a status message, runs the work on an operation thread with progress edits, then
 * edits the status message with the outcome, records it in the journal and the audit log, and counts it.
 */
final class Execution {
    private static final Logger log = LoggerFactory.getLogger(Execution.class);

    private Execution() {
    }

    /** The work itself: given a progress listener and a cancellation, it returns an outcome or throws. */
    interface Work {
        Outcome run(Progress.Listener progress, Cancellation cancellation);
    }

    /**
     * Starts {@code work}; {@code then} receives the outcome on the operation thread.
     *
     * @param heading what runs, as HTML: the first line of every status edit
     */
    static void start(ChatContext context, Replies replies, Caller caller, String operation, String target,
                      String arguments, String heading, Work work, Consumer<Outcome> then) {
        Optional<Long> journal = context.journal().start(target, operation, arguments, caller.user().id(),
                caller.chatId(), caller.updateId());
        if (journal.isEmpty()) {
            log.info("Update {} already started {} on {}; not starting it again", caller.updateId(), operation,
                    target);
            return;
        }
        int status = replies.text(heading + "\n⏳ starting…");
        ProgressMessage progress = new ProgressMessage(replies, status, heading, target,
                context.config().bot().progressInterval());
        Instant started = Instant.now();
        context.operations().submit(caller.chatId(), operation + " on " + target, cancellation -> {
            Outcome ran = outcome(work, progress, cancellation, operation, target);
            Journal.End end = end(context, ran, cancellation);
            Outcome outcome = end != Journal.End.INTERRUPTED ? ran : new Outcome(false, "⏹ stopped: migrabot is "
                    + "shutting down and this did not finish in time.\n" + ran.html(), "stopped by shutdown: "
                    + ran.summary());
            Duration took = Duration.between(started, Instant.now());
            context.metrics().operation(operation, target, outcome.ok(), took);
            finish(replies, status, heading, outcome);
            try { // written once the state database is back, if it went away while the operation ran
                StateRetry.write("the end of " + operation + " on " + target + " in the journal", () -> context
                        .journal().finish(journal.get(), end, outcome.summary()), context.operations()::closing);
                StateRetry.write("the audit entry of " + operation + " on " + target, () -> context.audit()
                        .record(new Audit.Entry(null, caller.user().id(), caller.user().name(), caller.chatId(),
                                operation, target, arguments, "executed", outcome.summary(), took)),
                        context.operations()::closing);
            } catch (RuntimeException e) {
                log.error("Could not record the end of {} on {}: {}", operation, target, e.getMessage());
            }
            then.accept(outcome);
        });
    }

    private static Journal.End end(ChatContext context, Outcome outcome, Cancellation cancellation) {
        if (outcome.ok()) {
            return Journal.End.DONE;
        }
        return cancellation.isCancelled() && context.operations().closing() ? Journal.End.INTERRUPTED
                : Journal.End.FAILED;
    }

    private static Outcome outcome(Work work, Progress.Listener progress, Cancellation cancellation, String operation,
                                   String target) {
        try {
            return work.run(progress, cancellation);
        } catch (MigrabotException e) {
            return new Outcome(false, "❌ " + Html.escape(e.getMessage()), "failed: " + e.getMessage());
        } catch (RuntimeException e) {
            String id = Conversation.incidentId();
            log.error("{} on {} failed unexpectedly (incident {})", operation, target, id, e);
            return new Outcome(false, "❌ internal error (incident " + id + "); the log has the details",
                    "failed: internal error " + id);
        }
    }

    private static void finish(Replies replies, int status, String heading, Outcome outcome) {
        try {
            replies.edit(status, heading + "\n" + outcome.html(), List.of());
        } catch (RuntimeException e) {
            // the edit can fail (message deleted, Telegram down): say it in a new message instead
            log.warn("Could not edit the status message in chat {}: {}", replies.chatId(), e.getMessage());
            try {
                replies.text(heading + "\n" + outcome.html());
            } catch (RuntimeException again) {
                log.error("Could not report the outcome to chat {}: {}", replies.chatId(), again.getMessage());
            }
        }
    }
}

package io.migrabot.demo;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;

/**
 * Everything the demo made, undone newest first, exactly once: at {@code \quit}, at the end of input, or from the
 * shutdown hook on Ctrl-C or SIGTERM. Making a thing and undoing everything hold one lock, so a signal that arrives
 * while the server is starting waits until it has started and then stops it, instead of orphaning it.
 */
final class Teardown {
    private static final Logger log = LoggerFactory.getLogger(Teardown.class);

    /** How to undo one thing. */
    @FunctionalInterface
    interface Undo<T> {
        void undo(T made) throws Exception;
    }

    private record Step(String what, Runnable undo) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private boolean done;

    /** Makes something and remembers how to undo it; refused once the teardown has begun. */
    synchronized <T> T make(String what, Callable<T> maker, Undo<T> undo) {
        if (done) {
            throw new MigrabotException(ErrorCode.DEMO, "the demo is stopping; " + what + " was not made");
        }
        T made;
        try {
            made = maker.call();
        } catch (MigrabotException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrabotException(ErrorCode.DEMO, "could not make " + what + ": " + e.getMessage(), e);
        }
        steps.push(new Step(what, () -> {
            try {
                undo.undo(made);
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }));
        return made;
    }

    /**
     * Undoes everything made so far, newest first; a step that fails is logged and the others still run.
     *
     * @return whether there was anything to undo
     */
    synchronized boolean run() {
        done = true;
        boolean any = !steps.isEmpty();
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.undo().run();
            } catch (RuntimeException e) {
                log.warn("Could not remove {}: {}", step.what(), e.getMessage());
            }
        }
        return any;
    }
}

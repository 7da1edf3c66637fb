package de.mitzeichnen.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits on a condition instead of sleeping for a fixed time: returns as soon as the condition
 * holds, fails with a description of what was awaited (and the last value seen) when it does not
 * within the timeout.
 */
public final class Eventually {

    private static final long POLL_MILLIS = 20;

    private Eventually() {}

    /** Waits until {@code condition} holds. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    /** Waits until {@code done} accepts what {@code probe} returns, and returns that value. */
    public static <T> T await(
            String what, Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError(
                        "waited " + timeout + " for " + what + "; last seen: " + value);
            }
            pause();
        }
    }

    /**
     * For "nothing more happens": checks {@code happened} throughout {@code window} and fails as
     * soon as it is true. There is no event to wait for when something must not occur, so a window
     * is the only way to observe it; use it only where no settled state (e.g. every outbox row
     * SENT) can be awaited instead.
     */
    public static void never(String what, Duration window, BooleanSupplier happened) {
        long end = System.nanoTime() + window.toNanos();
        do {
            if (happened.getAsBoolean()) {
                throw new AssertionError("did not expect " + what + " (within " + window + ")");
            }
            pause();
        } while (System.nanoTime() - end < 0);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}

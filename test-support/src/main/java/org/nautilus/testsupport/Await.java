package org.nautilus.testsupport;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition another thread makes true, instead of sleeping a guessed while: returns as soon as it holds,
 * fails with what was awaited (and the last value seen) when it does not within the timeout. The one wait helper of
 * the unit tests (the Pax Exam tests run in the container and have their own in {@code NautilusTestSupport}).
 */
public final class Await {

    /** Long enough for a loaded 2-core CI machine; a condition that holds returns at once. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final long POLL_NANOS = 2_000_000L;

    private Await() {
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} for {@code condition}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    /** Waits up to {@code timeout} for {@code condition}; an {@link AssertionError} naming {@code what} otherwise. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            pause();
        }
    }

    /**
     * Waits for {@code value} to give something {@code accepted}, and returns it; the failure shows the last value.
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> value, Predicate<T> accepted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!accepted.test(last)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what + " (last: " + last
                        + ")");
            }
            pause();
            last = value.get();
        }
        return last;
    }

    /** Waits until {@code thread} is parked or waiting (it reached its blocking point), e.g. a consumer on a queue. */
    public static void parked(Thread thread) {
        until(thread.getName() + " blocked", () -> {
            Thread.State state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        });
    }

    private static void pause() {
        LockSupport.parkNanos(POLL_NANOS);
        if (Thread.currentThread().isInterrupted()) {
            throw new AssertionError("interrupted while waiting");
        }
    }
}

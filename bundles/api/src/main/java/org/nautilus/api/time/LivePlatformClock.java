package org.nautilus.api.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The live platform clock: the system clock (UTC) and one daemon thread of its own on which scheduled work runs.
 * A task that throws is reported to the error handler and does not stop the others.
 */
public final class LivePlatformClock implements PlatformClock {

    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final Consumer<Throwable> onError;

    /**
     * @param threadName the name of the clock's thread (for thread dumps and logs)
     * @param onError    told about a task that threw
     */
    public LivePlatformClock(String threadName, Consumer<Throwable> onError) {
        this(Clock.systemUTC(), threadName, onError);
    }

    /**
     * A clock reading the time from {@code time} (a fixed clock in a test) and running work on its own thread after
     * real delays.
     */
    public LivePlatformClock(Clock time, String threadName, Consumer<Throwable> onError) {
        this.clock = Objects.requireNonNull(time, "time");
        this.onError = Objects.requireNonNull(onError, "onError");
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public ScheduledTask execute(Runnable task) {
        try {
            var future = thread.submit(guarded(task));
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the clock is closed", e);
        }
    }

    @Override
    public ScheduledTask schedule(Instant at, Runnable task) {
        long delay = Math.max(0, Duration.between(now(), at).toNanos());
        try {
            var future = thread.schedule(guarded(task), delay, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the clock is closed", e);
        }
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        try {
            var future = thread.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the clock is closed", e);
        }
    }

    @Override
    public ScheduledTask every(Duration period, Runnable task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a period must be positive, got " + period);
        }
        long nanos = period.toNanos();
        try {
            var future = thread.scheduleWithFixedDelay(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the clock is closed", e);
        }
    }

    @Override
    public void close() {
        // Delayed one-off work already scheduled (a venue's latency) still runs, for up to 2 s; periodic work stops.
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** A periodic task that threw would be stopped by the executor: report it here and keep it scheduled. */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                onError.accept(e);
            }
        };
    }
}

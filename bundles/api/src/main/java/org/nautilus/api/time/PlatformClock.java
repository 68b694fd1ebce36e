package org.nautilus.api.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The time of the platform and the place where work waits for it. Scheduled work runs on the clock's own
 * thread (live) or on the thread that advances it (simulated), one task at a time, in the order of its due time
 * and, for equal times, of scheduling.
 */
@ProviderType
public interface PlatformClock extends AutoCloseable {

    /** Now, on this clock. */
    Instant now();

    /** This clock as a {@link java.time.Clock} (UTC), for the cores that take one. */
    Clock clock();

    /** {@code true} for a clock that moves only with the data (a backtest). */
    boolean simulated();

    /** Runs {@code task} as soon as possible on the clock's thread (live) or at the current time (simulated). */
    default ScheduledTask execute(Runnable task) {
        return schedule(now(), task);
    }

    /** Runs {@code task} once at {@code at} (at once if that is not in the future). */
    ScheduledTask schedule(Instant at, Runnable task);

    /** Runs {@code task} after {@code delay}. */
    default ScheduledTask schedule(Duration delay, Runnable task) {
        return schedule(now().plus(delay), task);
    }

    /**
     * Runs {@code task} every {@code period}, the first time one period from now, with a fixed delay like
     * {@link java.util.concurrent.ScheduledExecutorService#scheduleWithFixedDelay}. Runs that fall behind (a simulated
     * clock jumping a day ahead) catch up with one run at the new time, not one per missed period.
     */
    ScheduledTask every(Duration period, Runnable task);

    /** Stops: periodic work ends; one-off work already due may still run (live, briefly), nothing new is accepted. */
    @Override
    void close();
}

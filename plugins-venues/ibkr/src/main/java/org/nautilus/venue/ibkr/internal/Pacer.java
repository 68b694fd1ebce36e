package org.nautilus.venue.ibkr.internal;

import java.time.Duration;

/**
 * A request budget per second (the gateway's pacing limit): {@link #acquire()} waits until the next request may go.
 * Requests are spaced evenly, so a burst never exceeds the budget within any second.
 */
final class Pacer {

    private final long spacingNanos;
    private long next;

    Pacer(int requestsPerSecond) {
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requests.per.second must be at least 1, got " + requestsPerSecond);
        }
        this.spacingNanos = Duration.ofSeconds(1).toNanos() / requestsPerSecond;
    }

    void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, next);
            next = slot + spacingNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}

package org.nautilus.fix.gateway.internal;

/**
 * A session's message budget: at most {@code perSecond} messages in any one-second window (fixed windows; the
 * session's own thread is the only caller).
 */
final class Throttle {

    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private long windowStart;
    private int used;

    Throttle(int perSecond) {
        this.perSecond = perSecond;
    }

    /** {@code true} if a message arriving at {@code nanoTime} is within the budget (and counts it). */
    synchronized boolean tryAcquire(long nanoTime) {
        if (perSecond == 0) {
            return true;
        }
        if (nanoTime - windowStart >= SECOND) {
            windowStart = nanoTime;
            used = 0;
        }
        if (used < perSecond) {
            used++;
            return true;
        }
        return false;
    }

    int perSecond() {
        return perSecond;
    }
}

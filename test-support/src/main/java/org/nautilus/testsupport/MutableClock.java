package org.nautilus.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand (UTC), injected where the code under test takes a {@link Clock}, so that time passing
 * is a step of the test rather than a sleep. A {@link #ticking ticking} one also runs on by itself, for code that
 * needs wall time to pass (a timer route) while the test still jumps it forward. Safe to read from other threads.
 */
public final class MutableClock extends Clock {

    private final boolean ticking;
    private volatile Instant base;
    private volatile long baseNanos;

    /** A clock that stands still at {@code start} until told to move. */
    public MutableClock(Instant start) {
        this(start, false);
    }

    private MutableClock(Instant start, boolean ticking) {
        this.ticking = ticking;
        this.base = start;
        this.baseNanos = System.nanoTime();
    }

    /** A clock that starts at {@code start} and runs at the wall clock's pace, plus what the test advances it. */
    public static MutableClock ticking(Instant start) {
        return new MutableClock(start, true);
    }

    /** Moves the clock forward (or back, for a negative duration). */
    public synchronized void advance(Duration by) {
        base = base.plus(by);
    }

    public synchronized void set(Instant instant) {
        baseNanos = System.nanoTime();
        base = instant;
    }

    @Override
    public Instant instant() {
        Instant at = base;
        return ticking ? at.plusNanos(System.nanoTime() - baseNanos) : at;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

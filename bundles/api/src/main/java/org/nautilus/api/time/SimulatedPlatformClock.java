package org.nautilus.api.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A clock that stands still until its owner moves it: {@link #advanceTo} runs every task due up to the new time,
 * in due-time order (ties in scheduling order), with {@link #now()} set to each task's due time while it runs,
 * then sets the time. Tasks run on the thread that advances the clock. Time never goes backwards. A periodic task
 * that a jump leaves behind runs at its due time and once more at the new time, not once per missed period.
 *
 * <p>Single-threaded by design (a backtest's event loop): it is not safe to schedule from another thread.
 */
public final class SimulatedPlatformClock implements PlatformClock {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    /**
     * Tasks scheduled for now or earlier (the venue's quote and order hand-offs: several per data step), in
     * scheduling order: they are due at once, so a FIFO holds them in (due time, order) order without the heap's
     * sifting; {@link #runDue} takes the earlier of the two heads.
     */
    private final ArrayDeque<Task> dueNow = new ArrayDeque<>();
    private final Clock view = new View();
    private Instant now;
    private long sequence;
    private boolean closed;

    /** A clock at {@code start}. */
    public SimulatedPlatformClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Clock clock() {
        return view;
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public ScheduledTask schedule(Instant at, Runnable task) {
        boolean due = !at.isAfter(now);
        Task t = new Task(due ? now : at, sequence++, task, null);
        if (!closed) {
            (due ? dueNow : queue).add(t);
        }
        return t;
    }

    @Override
    public ScheduledTask every(Duration period, Runnable task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a period must be positive, got " + period);
        }
        Task t = new Task(now.plus(period), sequence++, task, period);
        if (!closed) {
            queue.add(t);
        }
        return t;
    }

    /**
     * Runs what is due up to {@code time} and moves the clock there.
     *
     * @throws IllegalArgumentException if {@code time} is before now: the data went back in time
     */
    public void advanceTo(Instant time) {
        if (time.isBefore(now)) {
            throw new IllegalArgumentException("time cannot go back from " + now + " to " + time);
        }
        runDue(time);
        now = time;
    }

    /** Runs what is due now (work scheduled at the current time since the last advance). */
    public void runDue() {
        runDue(now);
    }

    /** The due time of the next pending task, or {@code null}. */
    public Instant nextDue() {
        Task next = peek();
        return next == null ? null : next.at;
    }

    /** How many tasks wait. */
    public int pending() {
        return queue.size() + dueNow.size();
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        dueNow.clear();
    }

    /** The next task to run: the earlier of the heap's and the FIFO's heads. */
    private Task peek() {
        Task scheduled = queue.peek();
        Task due = dueNow.peek();
        if (due == null) {
            return scheduled;
        }
        return scheduled == null || due.compareTo(scheduled) < 0 ? due : scheduled;
    }

    private void runDue(Instant until) {
        Task next;
        while ((next = peek()) != null && !next.at.isAfter(until)) {
            if (next == dueNow.peek()) {
                dueNow.poll();
            } else {
                queue.poll();
            }
            if (next.canceled()) {
                continue;
            }
            now = next.at;
            next.task.run();
            if (next.period != null && !next.canceled() && !closed) {
                // Fixed delay; a task left behind by a jump catches up with one run at the new time, not one per
                // missed period (a venue's 100 ms expiry check over a daily bar would otherwise run 864,000 times).
                Instant due = now.plus(next.period);
                if (due.isBefore(until)) {
                    due = until;
                }
                queue.add(new Task(due, sequence++, next.task, next.period, next));
            }
        }
    }

    /** A pending task; a periodic one is re-queued as a new entry sharing the first one's cancel flag. */
    private static final class Task implements ScheduledTask, Comparable<Task> {
        final Instant at;
        final long order;
        final Runnable task;
        final Duration period;
        private final Task origin;
        private boolean cancelFlag;

        Task(Instant at, long order, Runnable task, Duration period) {
            this(at, order, task, period, null);
        }

        Task(Instant at, long order, Runnable task, Duration period, Task origin) {
            this.at = at;
            this.order = order;
            this.task = task;
            this.period = period;
            this.origin = origin == null ? null : origin.root();
        }

        private Task root() {
            return origin == null ? this : origin;
        }

        boolean canceled() {
            return root().cancelFlag;
        }

        @Override
        public void cancel() {
            root().cancelFlag = true;
        }

        @Override
        public int compareTo(Task other) {
            int c = at.compareTo(other.at);
            return c != 0 ? c : Long.compare(order, other.order);
        }
    }

    /** {@link #now()} as a {@link Clock}. */
    private final class View extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

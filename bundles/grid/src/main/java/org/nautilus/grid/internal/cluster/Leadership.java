package org.nautilus.grid.internal.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's hold on the OMS leadership, from the moment Ignite starts the singleton here until it stops it: takes
 * the leadership epoch and registers the leadership (where the OMS and the position keeper start), and keeps trying
 * until the OMS runs. A node that holds the singleton but never starts the OMS stalls the whole cluster (every
 * node forwards to it), so nothing here gives up: a failed epoch transaction (say, timing out behind a
 * partition-map exchange on a loaded machine) is retried, and a registered leadership whose OMS failed to activate
 * is registered again so the OMS tries again; both with a doubling delay up to {@code maxDelay}, each logged. While
 * the OMS is not up, {@link #whyNoOms()} says why, for the status every node shows. Plain Java: every method but
 * the readers runs on {@code thread}.
 */
final class Leadership {

    /** What the leadership needs from the node. */
    interface Host {
        /** Takes a new epoch in the store (fencing earlier holders); may throw. */
        long acquireEpoch();

        /** This node no longer commits under its epoch. */
        void releaseEpoch();

        /** Registers the leadership with {@code epoch} for the OMS to start on; returns its unregistration. */
        Runnable register(long epoch);

        /** Why a component that requires the leadership failed to activate, if one did (then it is retried). */
        Optional<String> startFailure();

        /** What the OMS waits for while it is not up (its missing services, say), or empty if nothing is known. */
        Optional<String> waitingFor();
    }

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private final String node;
    private final Host host;
    private final ScheduledExecutorService thread;
    private final long firstDelayMs;
    private final long maxDelayMs;
    private final LongSupplier clock;

    /** The singleton runs here (Ignite said so); touched on {@link #thread}. */
    private boolean held;
    private Runnable unregister;
    private ScheduledFuture<?> retry;
    private int failures;
    private long nextTry;
    private long registeredAt;
    // Read by other threads (status, forwarded calls).
    private volatile boolean registered;
    private volatile long epoch;
    private volatile String problem;

    /**
     * @param node     this node's consistent id, for the logs and the status
     * @param thread   the single thread every change runs on
     * @param firstDelay the delay before the first retry; it doubles up to {@code maxDelay}
     * @param clock    milliseconds, for how long the OMS has been awaited
     */
    Leadership(String node, Host host, ScheduledExecutorService thread, Duration firstDelay, Duration maxDelay,
            LongSupplier clock) {
        this.node = node;
        this.host = host;
        this.thread = thread;
        this.firstDelayMs = firstDelay.toMillis();
        this.maxDelayMs = maxDelay.toMillis();
        this.clock = clock;
    }

    /** The singleton started on this node: take the epoch and register the leadership. */
    void acquired() {
        if (held) {
            return;
        }
        held = true;
        failures = 0;
        take();
    }

    /** The singleton left this node (or the node stops): unregister, release the epoch, stop retrying. */
    void lost() {
        if (!held) {
            return;
        }
        held = false;
        cancelRetry();
        boolean wasRegistered = registered;
        unregisterLeadership();
        host.releaseEpoch();
        problem = null;
        if (wasRegistered) {
            LOG.info("cluster: node {} no longer runs the OMS", node);
        }
    }

    /**
     * Called now and then with whether the OMS runs here: while it does not, notes why; if a component that needs
     * the leadership failed to start, registers the leadership again once the delay has passed.
     */
    void check(boolean omsUp) {
        if (!registered) {
            return;
        }
        if (omsUp) {
            failures = 0;
            problem = null;
            return;
        }
        long now = clock.getAsLong();
        Optional<String> failure = host.startFailure();
        if (failure.isEmpty()) {
            long waited = (now - registeredAt) / 1000;
            problem = "node " + node + " holds the OMS leadership (epoch " + epoch + ", " + waited + " s); the OMS is "
                    + host.waitingFor().map(w -> "waiting for " + w).orElse("starting (recovering from the store)");
            return;
        }
        if (now < nextTry) {
            problem = "node " + node + " holds the OMS leadership (epoch " + epoch + ") but the OMS failed to start ("
                    + failure.get() + "); starting it again in " + Math.max(1, (nextTry - now) / 1000) + " s";
            return;
        }
        failures++;
        LOG.error("cluster: node {} holds the OMS leadership (epoch {}) but the OMS failed to start ({}); registering "
                + "the leadership again (attempt {})", node, epoch, failure.get(), failures + 1);
        unregisterLeadership();
        nextTry = now + delay(failures);
        register();
    }

    /** {@code true} while the leadership is registered here (the OMS runs or starts here). */
    boolean registered() {
        return registered;
    }

    /** The epoch this node took, while it holds the leadership. */
    long epoch() {
        return epoch;
    }

    /** Why the OMS does not run on this node although it holds the singleton, if that is so. */
    Optional<String> whyNoOms() {
        return Optional.ofNullable(problem);
    }

    private void take() {
        retry = null;
        if (!held) {
            return;
        }
        try {
            epoch = host.acquireEpoch();
        } catch (RuntimeException e) {
            failures++;
            long delay = delay(failures - 1);
            problem = "node " + node + " holds the OMS leadership but could not take its epoch (" + failures
                    + (failures == 1 ? " attempt" : " attempts") + ", last: " + e.getMessage() + "); retrying in "
                    + Math.max(1, delay / 1000) + " s";
            LOG.warn("cluster: node {} holds the OMS singleton but could not take the leadership epoch (attempt {}); "
                    + "retrying in {} ms", node, failures, delay, e);
            retry = thread.schedule(this::take, delay, TimeUnit.MILLISECONDS);
            return;
        }
        failures = 0;
        nextTry = clock.getAsLong() + firstDelayMs;
        register();
        LOG.info("cluster: node {} runs the OMS now (leadership epoch {})", node, epoch);
    }

    private void register() {
        unregister = host.register(epoch);
        registeredAt = clock.getAsLong();
        registered = true;
        problem = "node " + node + " holds the OMS leadership (epoch " + epoch + "); the OMS is starting";
    }

    private void unregisterLeadership() {
        registered = false;
        if (unregister != null) {
            unregister.run();
            unregister = null;
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    /** {@code firstDelay} doubled {@code doublings} times, at most {@code maxDelay}. */
    private long delay(int doublings) {
        return Math.min(maxDelayMs, firstDelayMs << Math.min(Math.max(0, doublings), 30));
    }
}

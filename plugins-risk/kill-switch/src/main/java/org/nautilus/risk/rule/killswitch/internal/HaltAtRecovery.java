package org.nautilus.risk.rule.killswitch.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.api.venue.VenueAvailability;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.api.venue.VenueService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HALT in force when an OMS starts on this node (the node restarted HALTED, or the OMS moved here): the open orders
 * it recovered are canceled as the HALT's own were, since the HALT's cancels may never have been sent or confirmed.
 * An order is canceled once its venue is reconciled (AVAILABLE or BLOCKED): before, the OMS does not know the order
 * is still at the venue and would end it locally while it rests there. It tries again every {@link #RETRY} until no
 * open order of a HALTED scope waits, the HALT is lifted, another OMS starts, or {@link #GIVE_UP_AFTER} passed
 * (then it says how many were left). Runs on the kill switch's thread.
 */
final class HaltAtRecovery {

    static final Duration RETRY = Duration.ofSeconds(1);
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(HaltAtRecovery.class);

    private final Supplier<List<TradingStatus>> halts;
    private final ScheduledExecutorService thread;
    private final BiConsumer<TradingStatus, OpenOrderCanceller.Result> report;
    /** The OMS being worked on; a newer one (or none) ends the work on the previous. */
    private volatile OrderService current;

    /**
     * @param halts  the HALTED statuses whose open orders are to be canceled (none when canceling is switched off)
     * @param thread the kill switch's thread
     * @param report logs and audits what one scope's cancels did
     */
    HaltAtRecovery(Supplier<List<TradingStatus>> halts, ScheduledExecutorService thread,
            BiConsumer<TradingStatus, OpenOrderCanceller.Result> report) {
        this.halts = halts;
        this.thread = thread;
        this.report = report;
    }

    /** An OMS started here with the orders it recovered; its venues as they reconcile come from {@code venues}. */
    void recovered(OrderService oms, Supplier<VenueService> venues) {
        current = oms;
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        schedule(() -> run(oms, venues, deadline, true), 0);
    }

    /** The OMS went away (stopped, or moved to another node). */
    void gone(OrderService oms) {
        if (current == oms) {
            current = null;
        }
    }

    /** The kill switch stops: work already scheduled ends at once. */
    void stop() {
        current = null;
    }

    private void run(OrderService oms, Supplier<VenueService> venues, long deadline, boolean first) {
        if (current != oms) {
            return;
        }
        List<TradingStatus> scopes = scopes(halts.get());
        if (scopes.isEmpty()) {
            return;
        }
        if (first) {
            LOG.warn("Kill switch: an OMS started here while {} HALTED: canceling the open orders it recovered",
                    scopes.stream().map(HaltAtRecovery::scope).collect(Collectors.joining(", ")));
        }
        Map<VenueId, VenueAvailability> ready = readiness(venues.get());
        int waiting = 0;
        for (TradingStatus halt : scopes) {
            OpenOrderCanceller.Result result;
            try {
                result = OpenOrderCanceller.cancel(oms, halt.portfolio(), order -> ready(order, ready));
            } catch (RuntimeException e) {
                // The OMS stopping or not answering yet: tried again like a venue not ready.
                LOG.warn("Kill switch: canceling the recovered open orders of {} failed, trying again: {}",
                        scope(halt), e.toString());
                waiting++;
                continue;
            }
            if (result.canceled() + result.refused() > 0) {
                report.accept(halt, result);
            }
            waiting += result.waiting();
        }
        if (waiting == 0) {
            LOG.info("Kill switch: no recovered open order of a HALTED scope is left");
        } else if (System.nanoTime() - deadline > 0) {
            LOG.error("Kill switch: {} recovered open order(s) of a HALTED scope still wait for their venue after {};"
                    + " they are not canceled (nautilus:venues, nautilus:orders -o)", waiting, GIVE_UP_AFTER);
        } else {
            schedule(() -> run(oms, venues, deadline, false), RETRY.toMillis());
        }
    }

    private void schedule(Runnable work, long delayMillis) {
        try {
            thread.schedule(work, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.warn("Kill switch stopping: the recovered open orders of the HALTED scopes are not canceled");
        }
    }

    /** A global HALT covers every portfolio: its scope alone; else each HALTED portfolio. */
    private static List<TradingStatus> scopes(List<TradingStatus> statuses) {
        List<TradingStatus> halted = new ArrayList<>();
        for (TradingStatus status : statuses) {
            if (status.state() == TradingState.HALTED) {
                if (status.portfolio() == null) {
                    return List.of(status);
                }
                halted.add(status);
            }
        }
        return halted;
    }

    private static Map<VenueId, VenueAvailability> readiness(VenueService venues) {
        if (venues == null) {
            return Map.of();
        }
        return venues.venues().stream().collect(Collectors.toMap(VenueInfo::id, VenueInfo::availability, (a, b) -> b));
    }

    /**
     * Its venue reconciled (an order without a venue of its own, a split order: every venue reconciled, and at least
     * one registered).
     */
    private static boolean ready(Order order, Map<VenueId, VenueAvailability> venues) {
        if (order.venueId() == null) {
            return !venues.isEmpty() && venues.values().stream().allMatch(HaltAtRecovery::reconciled);
        }
        VenueAvailability availability = venues.get(order.venueId());
        return availability != null && reconciled(availability);
    }

    private static boolean reconciled(VenueAvailability availability) {
        return availability == VenueAvailability.AVAILABLE || availability == VenueAvailability.BLOCKED;
    }

    private static String scope(TradingStatus status) {
        return status.portfolio() == null ? "global" : status.portfolio().value();
    }
}

package org.nautilus.grid.internal.events;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderEvent;

/**
 * Puts a node's committed events back in each portfolio's order. The grid notifies the commits of different orders
 * (rows in different partitions) in any order, and repeats one now and then after a failover: an event that comes
 * early waits until those before it have come, one seen already is skipped. A portfolio's stream starts after its
 * last stored sequence when the notifications began ({@link #restart}), or at 1 for a portfolio new since. Plain
 * Java, one thread.
 */
final class PortfolioSequencer {

    /** One portfolio's progress. */
    private static final class Lane {
        long last;
        final TreeMap<Long, OrderEvent> ahead = new TreeMap<>();
        /** When the oldest open gap was first seen (nanos); meaningful while {@link #ahead} is not empty. */
        long gapSince;

        Lane(long last) {
            this.last = last;
        }
    }

    private final Consumer<OrderEvent> inOrder;
    private final Map<PortfolioId, Lane> lanes = new HashMap<>();

    /** @param inOrder receives each client-visible event once, in its portfolio's sequence order */
    PortfolioSequencer(Consumer<OrderEvent> inOrder) {
        this.inOrder = inOrder;
    }

    /** One committed event, from the live notifications or read back from the store; {@code now} in nanos. */
    void accept(OrderEvent event, long now) {
        long sequence = event.sequence();
        if (sequence == 0) {
            return; // a part of a split order: clients never see it
        }
        Lane lane = lanes.computeIfAbsent(event.portfolioId(), p -> new Lane(0));
        if (sequence <= lane.last || lane.ahead.containsKey(sequence)) {
            return;
        }
        if (sequence > lane.last + 1) {
            if (lane.ahead.isEmpty()) {
                lane.gapSince = now;
            }
            lane.ahead.put(sequence, event);
            return;
        }
        pass(lane, event);
        OrderEvent next;
        while ((next = lane.ahead.remove(lane.last + 1)) != null) {
            pass(lane, next);
        }
        if (!lane.ahead.isEmpty()) {
            lane.gapSince = now;
        }
    }

    private void pass(Lane lane, OrderEvent event) {
        lane.last = event.sequence();
        inOrder.accept(event);
    }

    /** The portfolios with a gap open since before {@code since} (nanos), each with its last sequence passed. */
    Map<PortfolioId, Long> gapsOpenSince(long since) {
        Map<PortfolioId, Long> open = new HashMap<>();
        lanes.forEach((portfolio, lane) -> {
            if (!lane.ahead.isEmpty() && lane.gapSince - since <= 0) {
                open.put(portfolio, lane.last);
            }
        });
        return open;
    }

    /**
     * Gives up waiting for the portfolio's missing events (neither the grid nor the store has them): passes the
     * events after the gap, so the stream goes on; those who needed the missing ones learn it from the gap they see.
     *
     * @return the first missing sequence, or 0 if there was no gap
     */
    long skipGap(PortfolioId portfolio, long now) {
        Lane lane = lanes.get(portfolio);
        if (lane == null || lane.ahead.isEmpty()) {
            return 0;
        }
        long missing = lane.last + 1;
        OrderEvent first = lane.ahead.pollFirstEntry().getValue();
        pass(lane, first);
        OrderEvent next;
        while ((next = lane.ahead.remove(lane.last + 1)) != null) {
            pass(lane, next);
        }
        lane.gapSince = now;
        return missing;
    }

    /** Per portfolio seen, the last sequence passed: where to read the store from after notifications were lost. */
    Map<PortfolioId, Long> lastPassed() {
        Map<PortfolioId, Long> last = new HashMap<>();
        lanes.forEach((portfolio, lane) -> last.put(portfolio, lane.last));
        return last;
    }

    /**
     * Starts afresh (the live notifications stopped and start again): each portfolio's stream goes on after its
     * last stored sequence, read once notifications were flowing; a portfolio not there yet starts at 1.
     */
    void restart(Map<PortfolioId, Long> lastStored) {
        lanes.clear();
        lastStored.forEach((portfolio, last) -> lanes.put(portfolio, new Lane(last)));
    }

}

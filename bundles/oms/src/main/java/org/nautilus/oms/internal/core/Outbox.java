package org.nautilus.oms.internal.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.store.StoreException;

/**
 * One partition's client-visible events on their way out of the process: numbered per portfolio as the writer makes
 * them, held until the unit of work that made them is durable, then handed to the {@link OrderEventSubscribers} in
 * the order they were made, whatever order the commits report in. A failed unit's events never leave (the OMS halts
 * and recovers from the store, which does not have them).
 */
final class Outbox {

    private final OrderEventSubscribers subscribers;
    /** The last sequence given out per portfolio: incremented by the writer only, read by anyone. */
    private final Map<PortfolioId, AtomicLong> sequences = new ConcurrentHashMap<>();
    /** The writer's: the events of the step under way. */
    private List<OrderEvent> step = new ArrayList<>();
    /** Sealed steps waiting for their commits, oldest first; guarded by itself. */
    private final ArrayDeque<Batch> waiting = new ArrayDeque<>();

    Outbox(OrderEventSubscribers subscribers) {
        this.subscribers = subscribers;
    }

    /** The sequence of the portfolio's next client-visible event (writer only). */
    long nextSequence(PortfolioId portfolio) {
        return sequences.computeIfAbsent(portfolio, p -> new AtomicLong()).incrementAndGet();
    }

    /** The sequence of the portfolio's last event, 0 if it has none. */
    long lastSequence(PortfolioId portfolio) {
        AtomicLong last = sequences.get(portfolio);
        return last == null ? 0 : last.get();
    }

    /** Continues a portfolio's numbering after a restart (recovery, before the first command). */
    void resume(PortfolioId portfolio, long last) {
        sequences.computeIfAbsent(portfolio, p -> new AtomicLong()).set(last);
    }

    /** Holds a client-visible event until its step is durable (writer only); nothing is held without subscribers. */
    void add(OrderEvent event) {
        if (subscribers.any()) {
            step.add(event);
        }
    }

    /** Ends the writer's step: its events leave once the calling thread's unit of work in {@code store} is durable. */
    void seal(StoreGateway store) {
        if (step.isEmpty()) {
            return;
        }
        Batch batch = new Batch(step);
        step = new ArrayList<>();
        synchronized (waiting) {
            waiting.add(batch);
        }
        store.afterCommit(failure -> settle(batch, failure));
    }

    private void settle(Batch batch, StoreException failure) {
        synchronized (waiting) {
            batch.outcome = failure == null ? Outcome.DURABLE : Outcome.FAILED;
            while (!waiting.isEmpty() && waiting.peek().outcome != null) {
                Batch head = waiting.poll();
                if (head.outcome == Outcome.DURABLE) {
                    subscribers.deliver(head.events);
                }
            }
        }
    }

    private enum Outcome {
        DURABLE, FAILED
    }

    /** One step's events; {@link #outcome} is guarded by the waiting queue. */
    private static final class Batch {
        final List<OrderEvent> events;
        Outcome outcome;

        Batch(List<OrderEvent> events) {
            this.events = events;
        }
    }
}

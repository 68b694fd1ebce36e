package org.nautilus.benchmarks.durable;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.Venue;

/**
 * A venue that accepts and fully fills every order at once, on the caller's thread: each order makes the same
 * four events (INITIALIZED, SUBMITTED, ACCEPTED, FILL) and one position update, so the benchmark measures the OMS
 * and its store, not a matching engine.
 */
final class InstantVenue implements Venue {

    private final VenueId id = VenueId.of("INSTANT");
    private final Clock clock;
    private final AtomicLong executions = new AtomicLong();

    InstantVenue(Clock clock) {
        this.clock = clock;
    }

    @Override
    public VenueId id() {
        return id;
    }

    @Override
    public String description() {
        return "fills everything at once";
    }

    @Override
    public void submit(Order order, ExecutionListener listener) {
        listener.onReport(ExecutionReport.of(order.id(), id, ExecType.ACCEPTED, "a-" + order.id(), null,
                clock.instant()));
        Price price = order.request().limitPrice() != null ? order.request().limitPrice() : Price.ofWhole(100);
        listener.onReport(ExecutionReport.fill(order.id(), id, "x-" + executions.incrementAndGet(), order.quantity(),
                price, Money.of("0.01"), clock.instant()));
    }

    @Override
    public void cancel(Order order, ExecutionListener listener) {
        listener.onReport(ExecutionReport.of(order.id(), id, ExecType.CANCELED, "c-" + order.id(), null,
                clock.instant()));
    }
}

package org.nautilus.strategy.internal.backtest;

import java.time.Duration;
import java.util.Optional;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.BookDepth;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.FeeSchedule;
import org.nautilus.api.venue.Venue;

/** The backtest's venue as the OMS sees it: the simulated exchange, saying when it reported anything. */
record ReportingVenue(Venue venue, Runnable reported) implements Venue {

    private ExecutionListener watched(ExecutionListener listener) {
        return report -> {
            reported.run();
            listener.onReport(report);
        };
    }

    @Override
    public VenueId id() {
        return venue.id();
    }

    @Override
    public String description() {
        return venue.description();
    }

    @Override
    public void submit(Order order, ExecutionListener listener) {
        venue.submit(order, watched(listener));
    }

    @Override
    public void cancel(Order order, ExecutionListener listener) {
        venue.cancel(order, watched(listener));
    }

    @Override
    public boolean supportsAmend() {
        return venue.supportsAmend();
    }

    @Override
    public void amend(Order amended, ExecutionListener listener) {
        venue.amend(amended, watched(listener));
    }

    @Override
    public Optional<BookDepth> depth(InstrumentId instrument, int levels) {
        return venue.depth(instrument, levels);
    }

    @Override
    public Optional<FeeSchedule> fees() {
        return venue.fees();
    }

    @Override
    public Duration latency() {
        return venue.latency();
    }
}

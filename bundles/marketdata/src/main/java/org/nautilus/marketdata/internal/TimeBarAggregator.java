package org.nautilus.marketdata.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;

/**
 * Aggregates the ticks of one instrument into epoch-aligned time bars {@code [start, start + interval)}.
 *
 * <p>A bar is emitted only once it is closed: when a tick at or after its end arrives, or when
 * {@link #advanceTo(Instant, Consumer)} moves event time past its end. Trades make the bar (price and volume);
 * an interval without trades is made from the quote mids, with volume zero. An interval with no tick at all gives
 * no bar (a gap is not filled with an invented flat bar). A tick for an interval that is already closed is late:
 * it is counted and dropped, because a published bar is never revised. Ticks out of order inside the open
 * interval are fine: open is the earliest tick, close the latest, by timestamp.
 *
 * <p>Not thread-safe: one writer per instrument (the gateway locks the instrument).
 */
final class TimeBarAggregator implements BarAggregator {

    private final InstrumentId instrumentId;
    private final long intervalNanos;

    private final Ohlc trades = new Ohlc();
    private final Ohlc mids = new Ohlc();
    private long volume;
    /** Start of the open interval in epoch nanos; valid when {@code open}. */
    private long start;
    private boolean open;
    /** Everything before this (epoch nanos) is closed. */
    private long closedUpTo = Long.MIN_VALUE;
    private long lateTicks;

    TimeBarAggregator(InstrumentId instrumentId, Duration interval) {
        this.instrumentId = Objects.requireNonNull(instrumentId, "instrumentId");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("bar interval must be positive, got " + interval);
        }
        this.intervalNanos = interval.toNanos();
    }

    Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    @Override
    public void onTrade(Instant timestamp, Price price, Quantity size, Consumer<Bar> closed) {
        long t = nanos(timestamp);
        if (!accept(t, closed)) {
            return;
        }
        trades.add(t, price.raw());
        volume = Math.addExact(volume, size.raw());
    }

    @Override
    public void onQuoteMid(Instant timestamp, Price mid, Consumer<Bar> closed) {
        long t = nanos(timestamp);
        if (!accept(t, closed)) {
            return;
        }
        mids.add(t, mid.raw());
    }

    /** Closes the open bar if event time has reached its end. */
    @Override
    public void advanceTo(Instant eventTime, Consumer<Bar> closed) {
        long t = nanos(eventTime);
        if (open && t >= start + intervalNanos) {
            emit(closed);
        }
        if (t > closedUpTo && !open) {
            // Nothing open: every interval ending at or before t is closed (empty) from now on.
            closedUpTo = Math.max(closedUpTo, alignDown(t));
        }
    }

    @Override
    public void closeOpen(Consumer<Bar> closed) {
        if (open) {
            emit(closed);
        }
    }

    /** Ticks dropped because their interval had already closed. */
    @Override
    public long lateTicks() {
        return lateTicks;
    }

    private boolean accept(long t, Consumer<Bar> closed) {
        if (t < closedUpTo) {
            lateTicks++;
            return false;
        }
        if (open && t >= start + intervalNanos) {
            emit(closed);
        }
        if (!open) {
            start = alignDown(t);
            open = true;
        }
        return true;
    }

    private void emit(Consumer<Bar> closed) {
        Ohlc source = trades.count > 0 ? trades : mids;
        long end = start + intervalNanos;
        Bar bar = new Bar(instrumentId, instant(start), instant(end), new Price(source.open), new Price(source.high),
                new Price(source.low), new Price(source.close), new Quantity(trades.count > 0 ? volume : 0));
        closedUpTo = end;
        open = false;
        trades.reset();
        mids.reset();
        volume = 0;
        closed.accept(bar);
    }

    private long alignDown(long t) {
        return Math.floorDiv(t, intervalNanos) * intervalNanos;
    }

    private static long nanos(Instant instant) {
        return Ohlc.nanos(instant);
    }

    private static Instant instant(long nanos) {
        return Ohlc.instant(nanos);
    }
}

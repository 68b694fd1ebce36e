package org.nautilus.marketdata.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;

/**
 * Aggregates the ticks of one instrument into time bars {@code [start, end)}: epoch-aligned
 * {@code [k·interval, (k+1)·interval)} for intraday intervals; for whole days, aligned to midnight in the session
 * time zone (a trading day is a local calendar day, so a bar never straddles the session boundary, and a day of
 * a daylight-saving change lasts 23 or 25 hours).
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
    /** Zone of daily bars, or {@code null}: fixed-length epoch-aligned intervals. */
    private final ZoneId zone;
    private final long days;

    private final Ohlc trades = new Ohlc();
    private final Ohlc mids = new Ohlc();
    private long volume;
    /** Start and end of the open interval in epoch nanos; valid when {@code open}. */
    private long start;
    private long end;
    private boolean open;
    /** Everything before this (epoch nanos) is closed. */
    private long closedUpTo = Long.MIN_VALUE;
    private long lateTicks;

    TimeBarAggregator(InstrumentId instrumentId, Duration interval) {
        this(instrumentId, interval, ZoneOffset.UTC);
    }

    /**
     * @param zone the session time zone: bars of whole days start at its midnight
     */
    TimeBarAggregator(InstrumentId instrumentId, Duration interval, ZoneId zone) {
        this.instrumentId = Objects.requireNonNull(instrumentId, "instrumentId");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("bar interval must be positive, got " + interval);
        }
        this.intervalNanos = interval.toNanos();
        boolean wholeDays = interval.toNanos() % Duration.ofDays(1).toNanos() == 0;
        this.zone = wholeDays && !zone.normalized().equals(ZoneOffset.UTC) ? zone : null;
        this.days = interval.toDays();
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
        if (open && t >= end) {
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
        if (open && t >= end) {
            emit(closed);
        }
        if (!open) {
            start = alignDown(t);
            end = endOf(start);
            open = true;
        }
        return true;
    }

    private void emit(Consumer<Bar> closed) {
        Ohlc source = trades.count > 0 ? trades : mids;
        Bar bar = new Bar(instrumentId, instant(start), instant(end), new Price(source.open), new Price(source.high),
                new Price(source.low), new Price(source.close), new Quantity(trades.count > 0 ? volume : 0));
        closedUpTo = end;
        open = false;
        trades.reset();
        mids.reset();
        volume = 0;
        closed.accept(bar);
    }

    /** The start of the interval holding {@code t}. */
    private long alignDown(long t) {
        if (zone == null) {
            return Math.floorDiv(t, intervalNanos) * intervalNanos;
        }
        LocalDate day = instant(t).atZone(zone).toLocalDate();
        long epochDay = day.toEpochDay();
        LocalDate first = LocalDate.ofEpochDay(Math.floorDiv(epochDay, days) * days);
        return nanos(first.atStartOfDay(zone).toInstant());
    }

    private long endOf(long intervalStart) {
        if (zone == null) {
            return intervalStart + intervalNanos;
        }
        LocalDate day = instant(intervalStart).atZone(zone).toLocalDate();
        return nanos(day.plusDays(days).atStartOfDay(zone).toInstant());
    }

    private static long nanos(Instant instant) {
        return Ohlc.nanos(instant);
    }

    private static Instant instant(long nanos) {
        return Ohlc.instant(nanos);
    }
}

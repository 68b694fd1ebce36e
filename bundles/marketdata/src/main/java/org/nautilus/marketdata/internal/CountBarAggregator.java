package org.nautilus.marketdata.internal;

import java.time.Instant;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;

/**
 * Tick bars (every {@code ticks} trades) or volume bars (once the traded quantity reaches {@code volume}; the
 * crossing trade is not split). Only trades count; quotes are ignored. A bar covers
 * {@code [earliest trade time, latest trade time + 1 ns)} and is published by the trade that completes it, so it
 * is never early. Open and close are the earliest and latest trades by timestamp.
 */
final class CountBarAggregator implements BarAggregator {

    private final InstrumentId instrumentId;
    private final long ticks;
    private final long volumeTarget;
    private final Ohlc prices = new Ohlc();
    private long volume;

    /**
     * @param ticks        trades per bar, or 0 for volume bars
     * @param volumeTarget raw quantity per bar, or 0 for tick bars
     */
    CountBarAggregator(InstrumentId instrumentId, long ticks, long volumeTarget) {
        if ((ticks > 0) == (volumeTarget > 0)) {
            throw new IllegalArgumentException("exactly one of ticks and volume must be positive");
        }
        this.instrumentId = instrumentId;
        this.ticks = ticks;
        this.volumeTarget = volumeTarget;
    }

    @Override
    public void onTrade(Instant timestamp, Price price, Quantity size, Consumer<Bar> closed) {
        prices.add(Ohlc.nanos(timestamp), price.raw());
        volume = Math.addExact(volume, size.raw());
        boolean full = ticks > 0 ? prices.count >= ticks : volume >= volumeTarget;
        if (full) {
            long start = prices.openTime;
            long end = Math.max(prices.closeTime, start) + 1;
            Bar bar = new Bar(instrumentId, Ohlc.instant(start), Ohlc.instant(end), new Price(prices.open),
                    new Price(prices.high), new Price(prices.low), new Price(prices.close), new Quantity(volume));
            prices.reset();
            volume = 0;
            closed.accept(bar);
        }
    }

    @Override
    public void onQuoteMid(Instant timestamp, Price mid, Consumer<Bar> closed) {
        // tick and volume bars are made of trades only
    }

    @Override
    public void advanceTo(Instant eventTime, Consumer<Bar> closed) {
        // closed by trades, not by time
    }

    @Override
    public void closeOpen(Consumer<Bar> closed) {
        // an unfinished tick or volume bar is not a bar
    }

    @Override
    public long lateTicks() {
        return 0;
    }
}

package org.nautilus.marketdata.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;

/** Cuts the ticks of one instrument into bars of one {@link BarSpec}. Not thread-safe: one writer. */
interface BarAggregator {

    void onTrade(Instant timestamp, Price price, Quantity size, Consumer<Bar> closed);

    void onQuoteMid(Instant timestamp, Price mid, Consumer<Bar> closed);

    /** Event time has reached {@code eventTime}: close what ends by then. */
    void advanceTo(Instant eventTime, Consumer<Bar> closed);

    /** The feed has ended: publish the open time bar now. Tick and volume bars are only complete when full. */
    void closeOpen(Consumer<Bar> closed);

    /** Ticks dropped because they belonged to a bar already published. */
    long lateTicks();

    static BarAggregator of(InstrumentId id, BarSpec spec) {
        return of(id, spec, ZoneOffset.UTC);
    }

    /** @param zone session time zone of daily (and multi-day) time bars */
    static BarAggregator of(InstrumentId id, BarSpec spec, ZoneId zone) {
        return switch (spec.type()) {
            case TIME -> new TimeBarAggregator(id, spec.interval(), zone);
            case TICK -> new CountBarAggregator(id, spec.count(), 0);
            case VOLUME -> new CountBarAggregator(id, 0, spec.volume().raw());
        };
    }
}

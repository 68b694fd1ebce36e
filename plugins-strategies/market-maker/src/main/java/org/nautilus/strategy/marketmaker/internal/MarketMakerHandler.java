package org.nautilus.strategy.marketmaker.internal;

import java.util.HashMap;
import java.util.Map;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.strategy.StrategyContext;
import org.nautilus.api.strategy.StrategyHandler;
import org.nautilus.api.strategy.StrategyParameters;

/** One run of the market maker: the mid it last quoted around, per instrument. */
final class MarketMakerHandler implements StrategyHandler {

    /** The parameters, checked once; rates as fixed-point fractions (10 bps = 0.001). */
    record Settings(long spread, Quantity size, Quantity maxInventory, long skewPerSize, long requote) {
        Settings {
            if (spread <= 0) {
                throw new IllegalArgumentException("spread.bps must be positive");
            }
            if (!size.isPositive() || maxInventory.compareTo(size) < 0) {
                throw new IllegalArgumentException("need 0 < size <= max.inventory, got size " + size
                        + ", max.inventory " + maxInventory);
            }
        }

        static Settings of(StrategyParameters p) {
            return new Settings(bps(p, "spread.bps", "10"), Quantity.of(p.text("size", "10")),
                    Quantity.of(p.text("max.inventory", "100")), bps(p, "skew.bps", "2"), bps(p, "requote.bps", "2"));
        }

        private static long bps(StrategyParameters p, String key, String defaultValue) {
            return FixedPoint.fromBigDecimal(p.decimal(key, defaultValue).movePointLeft(4));
        }
    }

    private final StrategyContext context;
    private final Settings settings;
    private final Map<InstrumentId, Price> quotedMid = new HashMap<>();

    MarketMakerHandler(StrategyContext context, Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    @Override
    public void onQuote(Quote quote) {
        requote(quote.instrumentId(), quote.mid(), false);
    }

    @Override
    public void onBar(Bar bar) {
        requote(bar.instrumentId(), bar.close(), false);
    }

    @Override
    public void onFill(Fill fill) {
        // Around the book as it is now (the quote that just filled us), not the last close: a mark can be stale and a
        // quote around it can cross the book.
        context.lastQuote(fill.instrumentId()).map(Quote::mid).or(() -> context.mark(fill.instrumentId()))
                .ifPresent(mid -> requote(fill.instrumentId(), mid, true));
    }

    private void requote(InstrumentId instrument, Price mid, boolean force) {
        Price last = quotedMid.get(instrument);
        if (!force && last != null
                && Math.abs(mid.raw() - last.raw()) < FixedPoint.multiply(last.raw(), settings.requote())) {
            return;
        }
        for (Order open : context.openOrders()) {
            if (open.instrumentId().equals(instrument)) {
                context.cancel(open.id());
            }
        }
        quotedMid.put(instrument, mid);
        long tick = context.instrument(instrument).map(i -> i.tickSize().raw()).orElse(Price.of("0.01").raw());
        Quantity inventory = context.position(instrument).quantity();
        // Holding inventory moves both quotes against it, so the side that reduces it is likelier to fill.
        long skew = FixedPoint.multiply(mid.raw(), FixedPoint.multiply(settings.skewPerSize(),
                FixedPoint.divide(inventory.raw(), settings.size().raw())));
        long half = FixedPoint.multiply(mid.raw(), settings.spread());
        long bid = Math.floorDiv(mid.raw() - half - skew, tick) * tick;
        long ask = -Math.floorDiv(-(mid.raw() + half - skew), tick) * tick;
        if (bid > 0 && inventory.plus(settings.size()).compareTo(settings.maxInventory()) <= 0) {
            context.limit(instrument, settings.size(), new Price(bid));
        }
        if (ask > bid && inventory.minus(settings.size()).negate().compareTo(settings.maxInventory()) <= 0) {
            context.limit(instrument, settings.size().negate(), new Price(ask));
        }
    }
}

package org.nautilus.routes.internal.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.routes.internal.component.Gateways;

/**
 * {@code nautilus-sim:NAME?symbols=AAPL,MSFT&prices=190,420&period=100&seed=42} — a simulated market feed: every
 * {@code period} ms, one exchange per symbol with a {@code Quote} body, and sometimes one with a {@code Trade}.
 *
 * <p>Options: {@code symbols} (required); {@code prices} start mids in the same order (default: the gateway's
 * current mark, so an edited route continues where the market was); {@code sizes} mean sizes (default 100 lots);
 * {@code period} ms between steps (100); {@code seed} (42); {@code volatility} annualized σ (0.3);
 * {@code speed} market seconds per wall second, to fast-forward the walk (1); {@code spreadBps} (2);
 * {@code tradeProbability} per symbol and step (0.3); {@code steps} stop after that many steps (0: never).
 * Tick and lot come from the instrument definitions in the gateway (0.01 and 1 if the instrument is unknown
 * there, which the gateway will then refuse).
 */
public final class SimulatedFeedComponent extends DefaultComponent {

    private final Gateways gateways;
    private final Clock clock;

    public SimulatedFeedComponent(Gateways gateways, Clock clock) {
        this.gateways = gateways;
        this.clock = clock;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String symbolsText = getAndRemoveParameter(parameters, "symbols", String.class);
        if (symbolsText == null || symbolsText.isBlank()) {
            throw new IllegalArgumentException(uri + ": 'symbols' is required, e.g. symbols=AAPL,MSFT");
        }
        List<String> symbols = split(symbolsText);
        List<String> prices = split(getAndRemoveParameter(parameters, "prices", String.class, ""));
        List<String> sizes = split(getAndRemoveParameter(parameters, "sizes", String.class, ""));
        long period = getAndRemoveParameter(parameters, "period", Long.class, 100L);
        long seed = getAndRemoveParameter(parameters, "seed", Long.class, 42L);
        double volatility = getAndRemoveParameter(parameters, "volatility", Double.class, 0.3);
        double speed = getAndRemoveParameter(parameters, "speed", Double.class, 1.0);
        double spreadBps = getAndRemoveParameter(parameters, "spreadBps", Double.class, 2.0);
        double tradeProbability = getAndRemoveParameter(parameters, "tradeProbability", Double.class, 0.3);
        long steps = getAndRemoveParameter(parameters, "steps", Long.class, 0L);
        if (period < 1 || speed <= 0 || steps < 0) {
            throw new IllegalArgumentException(uri + ": period must be >= 1 ms, speed > 0 and steps >= 0");
        }
        if (!prices.isEmpty() && prices.size() != symbols.size()
                || !sizes.isEmpty() && sizes.size() != symbols.size()) {
            throw new IllegalArgumentException(uri + ": 'prices' and 'sizes' need one value per symbol " + symbols);
        }

        MarketDataService marketData = gateways.marketDataOrNull();
        List<QuoteSimulator.SymbolSpec> specs = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            InstrumentId id = InstrumentId.of(symbols.get(i));
            Optional<Instrument> instrument = marketData == null ? Optional.empty() : marketData.instrument(id);
            Price tick = instrument.map(Instrument::tickSize).orElse(Price.of("0.01"));
            Quantity lot = instrument.map(Instrument::lotSize).orElse(Quantity.ofWhole(1));
            Price start;
            if (!prices.isEmpty()) {
                start = Price.of(prices.get(i));
            } else {
                start = Optional.ofNullable(marketData).flatMap(m -> m.mark(id))
                        .orElseThrow(() -> new IllegalArgumentException(uri + ": no start price for " + id
                                + " (no mark in the gateway yet): give prices=... in the same order as symbols"));
            }
            Quantity meanSize = sizes.isEmpty()
                    ? new Quantity(Math.multiplyExact(lot.raw(), 100))
                    : Quantity.of(sizes.get(i));
            specs.add(new QuoteSimulator.SymbolSpec(id, start, tick, lot, meanSize));
        }
        Duration step = Duration.ofNanos(Math.max(1, Math.round(period * 1_000_000L * speed)));
        QuoteSimulator simulator = new QuoteSimulator(specs,
                new QuoteSimulator.Parameters(volatility, spreadBps, tradeProbability, step, seed));
        return new SimulatedFeedEndpoint(uri, this, simulator, period, steps, clock);
    }

    private static List<String> split(String text) {
        List<String> values = new ArrayList<>();
        if (text != null) {
            for (String value : text.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.strip());
                }
            }
        }
        return values;
    }
}

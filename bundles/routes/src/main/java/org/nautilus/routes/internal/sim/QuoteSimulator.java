package org.nautilus.routes.internal.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;

/**
 * A seeded market simulator: per symbol, a mid price following geometric Brownian motion, quoted with a spread
 * on the instrument's tick grid and random sizes on its lot grid, and now and then a trade at the bid or ask.
 * The same seed and parameters give the same sequence of prices and sizes. Each symbol has its own random
 * stream, so adding a symbol does not change the others.
 *
 * <p>The random walk is done in {@code double} (it is a model, not money); every emitted price and size is
 * fixed-point, rounded to the tick (bid down, ask up) and lot.
 *
 * <p>Not thread-safe: one feed thread calls {@link #step(Instant)}.
 */
public final class QuoteSimulator {

    private static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;

    private final List<SymbolState> symbols = new ArrayList<>();
    private final Parameters parameters;
    private final double drift;
    private final double diffusion;

    /**
     * @param specs      the symbols with their start price, tick, lot and mean size
     * @param parameters volatility, spread, trade probability, time per step and seed
     */
    public QuoteSimulator(List<SymbolSpec> specs, Parameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("at least one symbol is required");
        }
        double dt = parameters.simulatedStep().toNanos() / 1e9 / SECONDS_PER_YEAR;
        double sigma = parameters.annualVolatility();
        this.drift = -0.5 * sigma * sigma * dt;
        this.diffusion = sigma * Math.sqrt(dt);
        for (SymbolSpec spec : specs) {
            symbols.add(new SymbolState(spec, new Random(parameters.seed() * 31 + spec.id().value().hashCode())));
        }
    }

    /** Moves every mid one step and returns the new quotes, each followed by a trade when one happens. */
    public List<Object> step(Instant now) {
        List<Object> events = new ArrayList<>(symbols.size() * 2);
        for (SymbolState s : symbols) {
            s.mid *= Math.exp(drift + diffusion * s.random.nextGaussian());
            long tick = s.spec.tick().raw();
            long midRaw = Math.max(tick, Math.round(s.mid * FixedPoint.ONE));
            long half = Math.round(midRaw * parameters.spreadBps() / 20_000.0);
            long bid = Math.max(tick, Math.floorDiv(midRaw - half, tick) * tick);
            long ask = Math.max(bid + tick, -Math.floorDiv(-(midRaw + half), tick) * tick);
            Quote quote = new Quote(s.spec.id(), new Price(bid), size(s), new Price(ask), size(s), now);
            events.add(quote);
            if (s.random.nextDouble() < parameters.tradeProbability()) {
                boolean buy = s.random.nextBoolean();
                events.add(new Trade(s.spec.id(), buy ? quote.ask() : quote.bid(), size(s), now));
            }
        }
        return events;
    }

    /** A size around the mean, at least one lot, on the lot grid. */
    private static Quantity size(SymbolState s) {
        long lot = s.spec.lot().raw();
        double factor = 0.2 + 1.6 * s.random.nextDouble();
        long raw = Math.round(s.spec.meanSize().raw() * factor);
        return new Quantity(Math.max(lot, (raw / lot) * lot));
    }

    /**
     * A simulated symbol.
     *
     * @param id       the instrument
     * @param start    the first mid price
     * @param tick     price grid
     * @param lot      size grid
     * @param meanSize average quoted and traded size
     */
    public record SymbolSpec(InstrumentId id, Price start, Price tick, Quantity lot, Quantity meanSize) {
        public SymbolSpec {
            Objects.requireNonNull(id, "id");
            if (!start.isPositive() || !tick.isPositive() || !lot.isPositive() || !meanSize.isPositive()) {
                throw new IllegalArgumentException(id + ": start price, tick, lot and mean size must be positive");
            }
        }
    }

    /**
     * How the market moves.
     *
     * @param annualVolatility σ of the log price per year, e.g. 0.3
     * @param spreadBps        quoted spread around the mid in basis points (at least one tick)
     * @param tradeProbability chance of a trade per symbol and step, 0..1
     * @param simulatedStep    market time one step stands for (a fast-forward: 100 ms of wall time may be 6 min)
     * @param seed             random seed
     */
    public record Parameters(double annualVolatility, double spreadBps, double tradeProbability,
            Duration simulatedStep, long seed) {
        public Parameters {
            if (!(annualVolatility >= 0) || !(spreadBps >= 0) || !(tradeProbability >= 0 && tradeProbability <= 1)) {
                throw new IllegalArgumentException("volatility and spreadBps must be >= 0, tradeProbability in [0, 1]");
            }
            if (simulatedStep.isNegative() || simulatedStep.isZero()) {
                throw new IllegalArgumentException("the simulated step must be positive, got " + simulatedStep);
            }
        }
    }

    private static final class SymbolState {
        final SymbolSpec spec;
        final Random random;
        double mid;

        SymbolState(SymbolSpec spec, Random random) {
            this.spec = spec;
            this.random = random;
            this.mid = spec.start().toBigDecimal().doubleValue();
        }
    }
}

package org.nautilus.routes.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;

class QuoteSimulatorTest {

    private static final Instant NOW = Instant.parse("2024-03-01T14:30:00Z");
    private static final QuoteSimulator.SymbolSpec AAPL = new QuoteSimulator.SymbolSpec(InstrumentId.of("AAPL"),
            Price.of("190"), Price.of("0.01"), Quantity.ofWhole(1), Quantity.ofWhole(100));
    private static final QuoteSimulator.SymbolSpec BTC = new QuoteSimulator.SymbolSpec(InstrumentId.of("BTC-USD"),
            Price.of("65000"), Price.of("0.01"), Quantity.of("0.0001"), Quantity.of("0.5"));

    @Test
    void theSameSeedGivesTheSameMarket() {
        assertThat(run(42, 500)).isEqualTo(run(42, 500));
        assertThat(run(42, 50)).isNotEqualTo(run(43, 50));
    }

    @Test
    void addingASymbolDoesNotChangeTheOthers() {
        QuoteSimulator alone = new QuoteSimulator(List.of(AAPL), params(7));
        QuoteSimulator both = new QuoteSimulator(List.of(AAPL, BTC), params(7));
        for (int i = 0; i < 100; i++) {
            List<Object> a = alone.step(NOW);
            List<Object> b = both.step(NOW);
            assertThat(b).containsAll(a);
        }
    }

    @Test
    void quotesAreOnTheTickGridUncrossedAndStartNearTheGivenPrice() {
        QuoteSimulator sim = new QuoteSimulator(List.of(AAPL, BTC), params(1));
        List<Object> first = sim.step(NOW);
        Quote aapl = (Quote) first.get(0);
        assertThat(aapl.mid().toBigDecimal().doubleValue()).isCloseTo(190, within(2.0));

        for (int i = 0; i < 2000; i++) {
            for (Object event : sim.step(NOW)) {
                if (event instanceof Quote q) {
                    QuoteSimulator.SymbolSpec spec = q.instrumentId().equals(AAPL.id()) ? AAPL : BTC;
                    assertThat(q.bid().isMultipleOf(spec.tick())).isTrue();
                    assertThat(q.ask().isMultipleOf(spec.tick())).isTrue();
                    assertThat(q.ask()).isGreaterThan(q.bid());
                    assertThat(q.bidSize().isMultipleOf(spec.lot())).isTrue();
                    assertThat(q.bidSize().compareTo(spec.lot())).isGreaterThanOrEqualTo(0);
                } else {
                    Trade t = (Trade) event;
                    assertThat(t.size().isPositive()).isTrue();
                }
            }
        }
    }

    @Test
    void tradesFollowTheirQuoteAtTheBidOrAsk() {
        QuoteSimulator sim = new QuoteSimulator(List.of(AAPL), params(3));
        int trades = 0;
        for (int i = 0; i < 1000; i++) {
            List<Object> events = sim.step(NOW);
            Quote quote = (Quote) events.get(0);
            if (events.size() == 2) {
                trades++;
                Trade trade = (Trade) events.get(1);
                assertThat(trade.price()).isIn(quote.bid(), quote.ask());
            }
        }
        assertThat(trades).isBetween(250, 350); // tradeProbability 0.3
    }

    @Test
    void logReturnsHaveTheConfiguredVolatility() {
        // one step = one hour of market time; sigma 0.3 per year
        QuoteSimulator sim = new QuoteSimulator(List.of(BTC), new QuoteSimulator.Parameters(0.3, 0, 0,
                Duration.ofHours(1), 11));
        List<Double> mids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            mids.add(((Quote) sim.step(NOW).get(0)).mid().toBigDecimal().doubleValue());
        }
        double sum = 0;
        double sumSq = 0;
        for (int i = 1; i < mids.size(); i++) {
            double r = Math.log(mids.get(i) / mids.get(i - 1));
            sum += r;
            sumSq += r * r;
        }
        int n = mids.size() - 1;
        double std = Math.sqrt(sumSq / n - (sum / n) * (sum / n));
        double expected = 0.3 * Math.sqrt(1.0 / (365 * 24));
        assertThat(std).isCloseTo(expected, within(expected * 0.05));
    }

    private static List<Object> run(long seed, int steps) {
        QuoteSimulator sim = new QuoteSimulator(List.of(AAPL, BTC), params(seed));
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            all.addAll(sim.step(NOW));
        }
        return all;
    }

    private static QuoteSimulator.Parameters params(long seed) {
        return new QuoteSimulator.Parameters(0.3, 2, 0.3, Duration.ofMinutes(6), seed);
    }
}

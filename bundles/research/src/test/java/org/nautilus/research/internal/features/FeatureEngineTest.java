package org.nautilus.research.internal.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.Factor;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorValue;
import org.nautilus.factor.momentum.internal.MomentumFactor;
import org.nautilus.factor.technical.internal.RsiFactor;
import org.nautilus.research.internal.support.Bars;

class FeatureEngineTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final InstrumentId MSFT = InstrumentId.of("MSFT");
    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));

    private final RsiFactor rsi = new RsiFactor(14);
    private final List<Bar> appleBars = Bars.apple();

    private FeatureEngine engine(int window, int history) {
        return new FeatureEngine((instrument, spec, limit) -> List.of(), window, history);
    }

    @Test
    void computesEachFactorOnEachClosedBar() {
        FeatureEngine engine = engine(50, 100);
        engine.register(rsi);
        for (int i = 0; i < 14; i++) {
            engine.onBar(appleBars.get(i));
        }
        assertThat(engine.latest("rsi-14", AAPL)).as("14 bars are one too few").isEmpty();

        engine.onBar(appleBars.get(14));
        FactorValue value = engine.latest("rsi-14", AAPL).orElseThrow();
        assertThat(value.value()).isEqualTo(rsi.compute(appleBars.subList(0, 15)).getAsDouble());
        assertThat(value.asOf()).isEqualTo(appleBars.get(14).end());

        for (int i = 15; i < 80; i++) {
            engine.onBar(appleBars.get(i));
        }
        // The value after bar 79 is computed over the last 50 bars, as in training.
        assertThat(engine.latest("rsi-14", AAPL).orElseThrow().value())
                .isEqualTo(rsi.compute(appleBars.subList(30, 80)).getAsDouble());
        assertThat(engine.history("rsi-14", AAPL)).hasSize(80 - 14)
                .extracting(FactorValue::asOf).isSorted();
        assertThat(engine.latest()).extracting(FactorValue::instrument).containsExactly(AAPL);
        assertThat(engine.factors()).extracting(FactorInfo::name).containsExactly("rsi-14");
    }

    @Test
    void instrumentsHaveTheirOwnWindows() {
        FeatureEngine engine = engine(50, 100);
        engine.register(new MomentumFactor());
        List<Bar> msft = Bars.ofCloses(MSFT, Bars.T0, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110);
        for (int i = 0; i < 11; i++) {
            engine.onBar(appleBars.get(i));
            engine.onBar(msft.get(i));
        }
        assertThat(engine.latest("momentum-10", MSFT).orElseThrow().value()).isEqualTo(0.10, Assertions.within(1e-12));
        assertThat(engine.latest("momentum-10", AAPL).orElseThrow().value())
                .isEqualTo(new MomentumFactor().compute(appleBars.subList(0, 11)).getAsDouble());
    }

    @Test
    void aFactorThatAppearsLaterGetsAValueFromTheBarsAlreadySeen() {
        FeatureEngine engine = engine(200, 100);
        appleBars.subList(0, 40).forEach(engine::onBar);
        assertThat(engine.latest()).isEmpty();

        engine.register(rsi);
        assertThat(engine.factors()).extracting(FactorInfo::name).containsExactly("rsi-14");
        engine.computeLatest(rsi);
        assertThat(engine.latest("rsi-14", AAPL).orElseThrow().value())
                .isEqualTo(rsi.compute(appleBars.subList(0, 40)).getAsDouble());
    }

    @Test
    void aFactorThatGoesAwayDisappearsAtOnce() {
        FeatureEngine engine = engine(200, 100);
        MomentumFactor momentum = new MomentumFactor();
        engine.register(rsi);
        engine.register(momentum);
        appleBars.subList(0, 30).forEach(engine::onBar);
        assertThat(engine.latest()).extracting(FactorValue::factor).containsExactly("momentum-10", "rsi-14");

        assertThat(engine.unregister(momentum)).isTrue();
        // Hidden before the writer thread purges it.
        assertThat(engine.factors()).extracting(FactorInfo::name).containsExactly("rsi-14");
        assertThat(engine.latest()).extracting(FactorValue::factor).containsExactly("rsi-14");
        assertThat(engine.latest("momentum-10", AAPL)).isEmpty();
        assertThat(engine.history("momentum-10", AAPL)).isEmpty();
        engine.purge(momentum);
        engine.onBar(appleBars.get(30));
        assertThat(engine.latest()).extracting(FactorValue::factor).containsExactly("rsi-14");

        // Back again (a new instance, e.g. the bundle was redeployed): fresh values, no stale history.
        MomentumFactor again = new MomentumFactor();
        engine.register(again);
        engine.computeLatest(again);
        assertThat(engine.history("momentum-10", AAPL)).hasSize(1);
        assertThat(engine.unregister(momentum)).as("the old instance is not the registered one").isFalse();
    }

    @Test
    void backfillsFromTheGatewaysBarHistory() {
        List<Bar> history = appleBars.subList(0, 30);
        FeatureEngine engine = new FeatureEngine(
                (instrument, spec, limit) -> instrument.equals(AAPL)
                        ? history.subList(Math.max(0, history.size() - limit), history.size())
                        : List.of(),
                200, 100);
        engine.register(rsi);
        engine.backfill(AAPL, DAY);
        engine.backfill(MSFT, DAY);
        assertThat(engine.latest("rsi-14", AAPL).orElseThrow().value())
                .isEqualTo(rsi.compute(history).getAsDouble());

        // A bar already in the history (the gateway delivered it before we subscribed) is not counted twice.
        engine.onBar(appleBars.get(29));
        assertThat(engine.staleBars()).isEqualTo(1);
        engine.onBar(appleBars.get(30));
        assertThat(engine.latest("rsi-14", AAPL).orElseThrow().value())
                .isEqualTo(rsi.compute(appleBars.subList(0, 31)).getAsDouble());
    }

    @Test
    void theFirstBarOfANewInstrumentPullsItsHistory() {
        List<Bar> history = appleBars.subList(0, 20);
        FeatureEngine engine = new FeatureEngine((instrument, spec, limit) -> history, 200, 100);
        engine.register(rsi);
        engine.onBar(appleBars.get(20));
        assertThat(engine.latest("rsi-14", AAPL).orElseThrow().value())
                .isEqualTo(rsi.compute(appleBars.subList(0, 21)).getAsDouble());
    }

    @Test
    void factorsSeeABoundedWindowAndHistoryIsBounded() {
        RecordingFactor recording = new RecordingFactor(5);
        FeatureEngine engine = engine(20, 7);
        engine.register(recording);
        appleBars.subList(0, 60).forEach(engine::onBar);
        assertThat(recording.sizes.subList(0, 3)).containsExactly(5, 6, 7);
        assertThat(recording.sizes.get(recording.sizes.size() - 1)).isEqualTo(20);
        assertThat(recording.sizes).allMatch(size -> size <= 20);
        assertThat(engine.history("recording", AAPL)).hasSize(7);

        engine.configure(10, 3);
        engine.onBar(appleBars.get(60));
        assertThat(recording.sizes.get(recording.sizes.size() - 1)).isEqualTo(10);
        assertThat(engine.history("recording", AAPL)).hasSize(3);
    }

    @Test
    void aFailingFactorDoesNotStopTheOthers() {
        FeatureEngine engine = engine(50, 10);
        engine.register(new Factor() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String description() {
                return "always throws";
            }

            @Override
            public int lookback() {
                return 1;
            }

            @Override
            public OptionalDouble compute(List<Bar> bars) {
                throw new IllegalStateException("boom");
            }
        });
        engine.register(new MomentumFactor());
        appleBars.subList(0, 20).forEach(engine::onBar);
        assertThat(engine.latest()).extracting(FactorValue::factor).containsExactly("momentum-10");
        assertThat(engine.factors()).extracting(FactorInfo::name).containsExactly("broken", "momentum-10");
    }

    /** Records how many bars it is given; its value is the last close. */
    private static final class RecordingFactor implements Factor {
        final List<Integer> sizes = new ArrayList<>();
        private final int lookback;

        RecordingFactor(int lookback) {
            this.lookback = lookback;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public int lookback() {
            return lookback;
        }

        @Override
        public OptionalDouble compute(List<Bar> bars) {
            sizes.add(bars.size());
            return OptionalDouble.of(bars.get(bars.size() - 1).close().toBigDecimal().doubleValue());
        }
    }
}

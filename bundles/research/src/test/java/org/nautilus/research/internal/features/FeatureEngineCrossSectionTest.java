package org.nautilus.research.internal.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorValue;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.expression.Panel;
import org.nautilus.research.internal.expression.PanelBatch;
import org.nautilus.research.internal.support.Bars;

/**
 * Cross-sectional factors in the live engine: three instruments' daily bars (the Apple bars of 2013 under three
 * names, shifted apart), C missing day 10. A day is computed once every instrument has a bar at it or later; the
 * published values equal a {@link PanelBatch} over the same bars, bit for bit, and C gets none for day 10.
 */
class FeatureEngineCrossSectionTest {

    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));
    private static final List<InstrumentId> UNIVERSE = List.of(InstrumentId.of("A"), InstrumentId.of("B"),
            InstrumentId.of("C"));
    private static final int DAYS = 40;
    private static final int MISSING = 10;

    private final List<Bar> apple = Bars.apple();
    private final TestLibrary library = TestLibrary.of("cross",
            "MOM", "$close/Ref($close,5)-1",
            "MOM_RANK", "CSRank(MOM)",
            "NEUTRAL", "GroupDemean($close/$open-1)",
            "SMOOTH", "Mean(CSZScore($volume),3)");
    private final Map<InstrumentId, String> groups = Map.of(UNIVERSE.get(0), "tech", UNIVERSE.get(1), "tech",
            UNIVERSE.get(2), "energy");

    /** Instrument k's bar of day d: Apple's bar 40k + d, at Apple's day d. */
    private List<List<Bar>> bars() {
        List<List<Bar>> bars = new ArrayList<>();
        for (int k = 0; k < UNIVERSE.size(); k++) {
            List<Bar> own = new ArrayList<>();
            for (int d = 0; d < DAYS; d++) {
                if (k == 2 && d == MISSING) {
                    continue;
                }
                Bar source = apple.get(DAYS * k + d);
                Bar day = apple.get(d);
                own.add(new Bar(UNIVERSE.get(k), day.start(), day.end(), source.open(), source.high(), source.low(),
                        source.close(), source.volume()));
            }
            bars.add(own);
        }
        return bars;
    }

    @Test
    void aDayIsComputedWhenEveryInstrumentIsPastItAndEqualsThePanelBatch() {
        Map<InstrumentId, List<Bar>> gateway = new HashMap<>(); // what the gateway has: the bars published so far
        FeatureEngine engine = new FeatureEngine((instrument, spec, limit) -> List.copyOf(
                gateway.getOrDefault(instrument, List.of())), 200, 10_000);
        engine.groups(groups);
        CompiledLibrary compiled = CompiledLibrary.compile(library);
        engine.addLibrary(library, compiled);
        engine.startLibrary(compiled);
        assertThat(engine.factors()).extracting(FactorInfo::name).containsExactly("MOM", "MOM_RANK", "NEUTRAL",
                "SMOOTH");

        List<List<Bar>> bars = bars();
        int[] next = new int[3];
        for (int d = 0; d < DAYS; d++) {
            for (int k = 0; k < 3; k++) {
                List<Bar> own = bars.get(k);
                if (next[k] < own.size() && own.get(next[k]).end().equals(apple.get(d).end())) {
                    Bar bar = own.get(next[k]++);
                    gateway.computeIfAbsent(bar.instrumentId(), i -> new ArrayList<>()).add(bar);
                    engine.onBar(DAY, bar);
                }
                if (d == MISSING && k == 1) {
                    assertThat(latestAsOf(engine, "MOM_RANK", UNIVERSE.get(0))).as("day 10 waits for C")
                            .isEqualTo(apple.get(MISSING - 1).end());
                }
            }
        }

        assertMatchesPanelBatch(engine, compiled, bars);
        assertThat(engine.history("MOM_RANK", UNIVERSE.get(2), DAY)).extracting(FactorValue::asOf)
                .doesNotContain(apple.get(MISSING).end()).contains(apple.get(MISSING + 1).end());
    }

    @Test
    void aLibraryStartedAfterTheBarsIsComputedFromTheirHistory() {
        List<List<Bar>> bars = bars();
        Map<InstrumentId, List<Bar>> byInstrument = new HashMap<>();
        for (int k = 0; k < 3; k++) {
            byInstrument.put(UNIVERSE.get(k), bars.get(k));
        }
        FeatureEngine engine = new FeatureEngine((instrument, spec, limit) -> byInstrument.getOrDefault(instrument,
                List.of()), 200, 10_000);
        engine.groups(groups);
        UNIVERSE.forEach(instrument -> engine.backfill(instrument, DAY));

        CompiledLibrary compiled = CompiledLibrary.compile(library);
        engine.addLibrary(library, compiled);
        engine.startLibrary(compiled);

        assertMatchesPanelBatch(engine, compiled, bars);
    }

    private static Instant latestAsOf(FeatureEngine engine, String factor, InstrumentId instrument) {
        List<FactorValue> history = engine.history(factor, instrument, DAY);
        return history.isEmpty() ? null : history.get(history.size() - 1).asOf();
    }

    /** Every cross-sectional value published equals the panel batch's at its row; NaN rows publish none. */
    private void assertMatchesPanelBatch(FeatureEngine engine, CompiledLibrary compiled, List<List<Bar>> bars) {
        BarColumns[] columns = new BarColumns[3];
        int[][] times = new int[3][];
        for (int k = 0; k < 3; k++) {
            columns[k] = BarColumns.of(bars.get(k));
            times[k] = bars.get(k).stream().mapToInt(b -> dayOf(b.end())).toArray();
        }
        Panel panel = new Panel(UNIVERSE.stream().map(InstrumentId::value).toList(), columns, times, DAYS,
                new int[] {0, 0, 1});
        FactorColumns[] batch = new PanelBatch(compiled.panel()).evaluate(panel);
        int compared = 0;
        for (String factor : List.of("MOM_RANK", "NEUTRAL", "SMOOTH")) {
            for (int k = 0; k < 3; k++) {
                double[] expected = batch[k].column(factor);
                List<FactorValue> history = engine.history(factor, UNIVERSE.get(k), DAY);
                assertThat(history).as(factor + " of " + UNIVERSE.get(k))
                        .hasSize((int) Arrays.stream(expected).filter(Double::isFinite).count());
                for (FactorValue value : history) {
                    int row = indexOf(bars.get(k), value.asOf());
                    assertThat(Double.doubleToRawLongBits(value.value())).as("%s of %s at %s", factor,
                            UNIVERSE.get(k), value.asOf()).isEqualTo(Double.doubleToRawLongBits(expected[row]));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(250);
    }

    private int dayOf(Instant end) {
        for (int d = 0; d < DAYS; d++) {
            if (apple.get(d).end().equals(end)) {
                return d;
            }
        }
        throw new IllegalArgumentException(end.toString());
    }

    private static int indexOf(List<Bar> bars, Instant end) {
        for (int i = 0; i < bars.size(); i++) {
            if (bars.get(i).end().equals(end)) {
                return i;
            }
        }
        throw new IllegalArgumentException(end.toString());
    }
}

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
import org.nautilus.api.research.FactorProblem;
import org.nautilus.api.research.FactorValue;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.support.Bars;

/** The feature engine running factor libraries: streams per series, parity with the batch, hot add and removal. */
class FeatureEngineLibraryTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));
    private static final BarSpec MINUTE = BarSpec.time(Duration.ofMinutes(1));

    private final List<Bar> apple = Bars.apple();
    private final TestLibrary sample = TestLibrary.sample();

    @Test
    void liveValuesAreTheBatchValuesOverTheSameBarsBitForBit() {
        FeatureEngine engine = new FeatureEngine(none(), 200, 10_000);
        CompiledLibrary library = CompiledLibrary.compile(sample);
        engine.addLibrary(sample, library);
        engine.startLibrary(library);

        apple.forEach(engine::onBar);

        assertMatchesBatch(engine, library, apple);
        assertThat(engine.latest("MA5", AAPL)).get().extracting(FactorValue::bars).isEqualTo(DAY);
    }

    @Test
    void aLibraryDeployedAfterTheBarsIsWarmedUpFromTheHistoryAndThenFollowsLiveBars() {
        List<Bar> history = apple.subList(0, 120);
        FeatureEngine engine = new FeatureEngine(
                (instrument, spec, limit) -> instrument.equals(AAPL) && spec.equals(DAY)
                        ? history.subList(Math.max(0, history.size() - limit), history.size())
                        : List.of(),
                200, 10_000, 5000);
        engine.backfill(AAPL, DAY); // the engine's start: the series is known before any library

        CompiledLibrary library = CompiledLibrary.compile(sample);
        engine.addLibrary(sample, library);
        engine.startLibrary(library);
        assertMatchesBatch(engine, library, history);

        engine.onBar(apple.get(119)); // the subscription repeats a bar the warm-up had: not taken twice
        for (Bar bar : apple.subList(120, 150)) {
            engine.onBar(bar);
        }
        assertMatchesBatch(engine, library, apple.subList(0, 150));
    }

    @Test
    void theWarmUpIsBoundedAndTheValuesEqualTheBatchOverTheBarsItRead() {
        FeatureEngine engine = new FeatureEngine(
                (instrument, spec, limit) -> apple.subList(apple.size() - Math.min(limit, apple.size()), apple.size()),
                200, 10_000, 50);
        CompiledLibrary library = CompiledLibrary.compile(sample);
        engine.addLibrary(sample, library);
        engine.backfill(AAPL, DAY);

        assertMatchesBatch(engine, library, apple.subList(apple.size() - 50, apple.size()));
    }

    @Test
    void aBrokenDefinitionIsReportedWithItsPositionAndChangesNothingElse() {
        TestLibrary broken = TestLibrary.of("broken",
                "GOOD", "Mean($close,5)",
                "TYPO", "Maen($close,5)",
                "USES_TYPO", "TYPO/$close");
        FeatureEngine engine = new FeatureEngine(none(), 200, 100);
        CompiledLibrary library = CompiledLibrary.compile(broken);
        engine.addLibrary(broken, library);
        engine.startLibrary(library);
        apple.subList(0, 10).forEach(engine::onBar);

        assertThat(engine.factors()).extracting(FactorInfo::name).containsExactly("GOOD");
        assertThat(engine.factors()).extracting(FactorInfo::library).containsExactly("broken");
        assertThat(engine.problems()).extracting(FactorProblem::library).containsOnly("broken");
        assertThat(engine.problems()).extracting(p -> p.problem().factor()).containsExactly("TYPO", "USES_TYPO");
        assertThat(engine.problems().get(0).problem().toString()).contains("Maen").contains("^");
        assertThat(engine.latest("GOOD", AAPL)).isPresent();
    }

    @Test
    void aNameAnotherLibraryPublishesStaysItsOwnersAndIsReported() {
        FeatureEngine engine = new FeatureEngine(none(), 200, 100);
        CompiledLibrary first = CompiledLibrary.compile(sample);
        TestLibrary other = TestLibrary.of("other", "MA5", "Mean($close,5)", "MA10", "Mean($close,10)");
        CompiledLibrary second = CompiledLibrary.compile(other);
        engine.addLibrary(sample, first);
        engine.addLibrary(other, second);
        engine.startLibrary(first);
        engine.startLibrary(second);
        apple.subList(0, 10).forEach(engine::onBar);

        assertThat(engine.problems()).singleElement().satisfies(p -> {
            assertThat(p.library()).isEqualTo("other");
            assertThat(p.problem().message()).contains("already used by library sample");
        });
        FactorColumns batch = first.program().evaluate(BarColumns.of(apple.subList(0, 10)));
        assertThat(engine.latest("MA5", AAPL).orElseThrow().value()).isEqualTo(batch.column("MA5")[9]);
        assertThat(engine.latest("MA10", AAPL)).isPresent();
    }

    @Test
    void removingALibraryRemovesItsFactorsAtOnceAndAddingItAgainBringsThemBack() {
        FeatureEngine engine = new FeatureEngine((instrument, spec, limit) -> apple.subList(0, 60), 200, 100);
        CompiledLibrary library = CompiledLibrary.compile(sample);
        engine.addLibrary(sample, library);
        engine.startLibrary(library);
        engine.backfill(AAPL, DAY);
        assertThat(engine.latest()).extracting(FactorValue::factor).contains("MA5", "EMA12");

        CompiledLibrary removed = engine.removeLibrary(sample);
        assertThat(removed).isSameAs(library);
        assertThat(engine.factors()).isEmpty();
        assertThat(engine.latest()).as("hidden before the writer purges").isEmpty();
        engine.purgeLibrary(removed);
        engine.onBar(apple.get(60));
        assertThat(engine.latest()).isEmpty();

        CompiledLibrary again = CompiledLibrary.compile(sample);
        engine.addLibrary(sample, again);
        engine.startLibrary(again);
        assertThat(engine.latest("MA5", AAPL).orElseThrow().asOf()).isEqualTo(apple.get(59).end());
    }

    @Test
    void eachBarSeriesOfAnInstrumentHasItsOwnStream() {
        FeatureEngine engine = new FeatureEngine(none(), 200, 1000);
        CompiledLibrary library = CompiledLibrary.compile(sample);
        engine.addLibrary(sample, library);
        engine.startLibrary(library);
        List<Bar> minutes = new ArrayList<>();
        Instant start = Instant.parse("2024-01-02T14:30:00Z");
        for (int i = 0; i < 30; i++) {
            minutes.add(Bars.bar(AAPL, start.plus(Duration.ofMinutes(i)), 190 + Math.sin(i)));
        }
        for (int i = 0; i < 30; i++) { // interleaved, as a replay beside the live ticks would be
            engine.onBar(DAY, apple.get(i));
            engine.onBar(MINUTE, minutes.get(i));
        }

        assertThat(engine.latest()).filteredOn(v -> v.factor().equals("MA5"))
                .extracting(FactorValue::bars).containsExactly(MINUTE, DAY);
        double dailyBatch = library.program().evaluate(BarColumns.of(apple.subList(0, 30))).column("MA5")[29];
        List<FactorValue> daily = engine.history("MA5", AAPL, DAY);
        assertThat(daily.get(daily.size() - 1).value()).isEqualTo(dailyBatch);
        assertThat(engine.history("MA5", AAPL, MINUTE)).hasSize(30);
        assertThat(engine.latest("MA5", AAPL).orElseThrow().bars()).as("the 2024 minute bars are newer")
                .isEqualTo(MINUTE);
    }

    /** Every published value equals the batch over {@code bars} at its row, bit for bit; NaN rows publish none. */
    static void assertMatchesBatch(FeatureEngine engine, CompiledLibrary library, List<Bar> bars) {
        FactorColumns batch = library.program().evaluate(BarColumns.of(bars));
        Map<Instant, Integer> rows = new HashMap<>();
        for (int i = 0; i < bars.size(); i++) {
            rows.put(bars.get(i).end(), i);
        }
        InstrumentId instrument = bars.get(0).instrumentId();
        for (String factor : library.program().names()) {
            double[] column = batch.column(factor);
            List<FactorValue> history = engine.history(factor, instrument);
            long finite = Arrays.stream(column).filter(Double::isFinite).count();
            assertThat(history).as(factor).hasSize((int) finite);
            for (FactorValue value : history) {
                double expected = column[rows.get(value.asOf())];
                assertThat(Double.doubleToRawLongBits(value.value())).as("%s at %s", factor, value.asOf())
                        .isEqualTo(Double.doubleToRawLongBits(expected));
            }
            double last = column[bars.size() - 1];
            if (Double.isFinite(last)) {
                assertThat(engine.latest(factor, instrument).orElseThrow().asOf())
                        .isEqualTo(bars.get(bars.size() - 1).end());
            }
        }
    }

    private static FeatureEngine.BarHistory none() {
        return (instrument, spec, limit) -> List.of();
    }
}

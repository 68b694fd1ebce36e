package org.nautilus.factor.alpha158.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.FactorValue;
import org.nautilus.research.internal.data.CsvBarReader;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.features.FeatureEngine;

/**
 * Alpha158 as the running platform computes it: the library registered with the feature engine, the Apple daily
 * bars fed one by one as the replay route publishes them. Every value published live equals the batch value over
 * the same bars, bit for bit, for all 158 factors.
 */
class LiveEngineParityTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL.NASDAQ");

    @Test
    void everyLiveValueIsTheBatchValueBitForBit() throws Exception {
        List<Bar> bars;
        try (Reader in = new InputStreamReader(getClass().getClassLoader().getResourceAsStream(AppleBars.CSV),
                StandardCharsets.UTF_8)) {
            bars = CsvBarReader.read(in, AppleBars.CSV, AAPL, Duration.ofDays(1));
        }
        Alpha158Library alpha158 = new Alpha158Library();
        CompiledLibrary library = CompiledLibrary.compile(alpha158);
        assertThat(library.problems()).isEmpty();
        FeatureEngine engine = new FeatureEngine((instrument, spec, limit) -> List.of(), 200, 10_000);
        engine.addLibrary(alpha158, library);
        engine.startLibrary(library);

        bars.forEach(engine::onBar);

        FactorColumns batch = library.program().evaluate(BarColumns.of(bars));
        Map<Instant, Integer> rows = new HashMap<>();
        for (int i = 0; i < bars.size(); i++) {
            rows.put(bars.get(i).end(), i);
        }
        assertThat(library.program().names()).hasSize(158);
        int compared = 0;
        for (String factor : library.program().names()) {
            double[] column = batch.column(factor);
            List<FactorValue> history = engine.history(factor, AAPL);
            assertThat(history).as(factor).hasSize((int) Arrays.stream(column).filter(Double::isFinite).count());
            for (FactorValue value : history) {
                assertThat(Double.doubleToRawLongBits(value.value())).as("%s at %s", factor, value.asOf())
                        .isEqualTo(Double.doubleToRawLongBits(column[rows.get(value.asOf())]));
                compared++;
            }
        }
        assertThat(compared).as("values compared").isGreaterThan(150 * 200);
    }
}

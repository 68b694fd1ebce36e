package org.nautilus.research.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.research.internal.support.Bars;

/**
 * The live path: a stream fed {@link Bar}s (and the point-in-time fields on each) gives the batch values over the
 * same bars, bit for bit.
 */
class FactorStreamTest {

    @Test
    void a_stream_fed_the_apple_bars_one_by_one_equals_the_batch_over_them() {
        List<Bar> bars = Bars.apple();
        FactorProgram program = FactorGraph.compile(List.of(
                new FactorDefinition("MA20", "Mean($close, 20)/$close", ""),
                new FactorDefinition("CORD10", "Corr($close/Ref($close,1), Log($volume/Ref($volume, 1)+1), 10)", ""),
                new FactorDefinition("RSV5", "($close-Min($low, 5))/(Max($high, 5)-Min($low, 5)+1e-12)", ""),
                new FactorDefinition("RESI30", "Resi($close, 30)/$close", ""),
                new FactorDefinition("EMA12", "EMA($close, 12)", ""),
                new FactorDefinition("QTLU10", "Quantile($close, 10, 0.8)/$close", ""),
                new FactorDefinition("TAEMA12", "SeededEMA($close, 12)", ""),
                new FactorDefinition("ATR14", "Wilder(Greater($high-$low, Abs($high-Ref($close, 1))), 14)", ""),
                new FactorDefinition("CCI20", "MeanDev(($high+$low+$close)/3, 20)", ""),
                new FactorDefinition("OBV", "Cumsum(Sign($close-Ref($close, 1))*$volume)", ""),
                // point-in-time fields (GENERATED statements and sentiment over the real bars)
                new FactorDefinition("EY_SLOPE", "Slope(PSum($eps,4)/$close, 10)", ""),
                new FactorDefinition("PB_STD", "Std($close/$book, 20)", ""),
                new FactorDefinition("SENT_EMA", "EMA($sentiment, 5)", ""))).programOrThrow();
        List<Instant> ends = bars.stream().map(Bar::end).toList();
        FactorColumns batch = program.evaluate(BarColumns.of(bars), PointInTimeFields.columns(program.dataFields(),
                PointInTimeFieldsTest.statements(3), PointInTimeFieldsTest::sentiment, ends));

        FactorStream stream = program.newStream();
        PointInTimeFields fields = new PointInTimeFields(program.dataFields(), PointInTimeFieldsTest.statements(3),
                PointInTimeFieldsTest::sentiment);
        List<String> differences = new ArrayList<>();
        for (int r = 0; r < bars.size(); r++) {
            stream.update(bars.get(r), fields.next(bars.get(r).end()));
            for (int f = 0; f < program.size(); f++) {
                if (Double.doubleToLongBits(stream.value(f)) != Double.doubleToLongBits(batch.values()[f][r])) {
                    differences.add(program.names().get(f) + " row " + r);
                }
            }
        }
        assertThat(bars).hasSizeGreaterThan(200);
        assertThat(differences).isEmpty();
        // a sanity value: the 20-day mean over the close is near 1 for a stock
        assertThat(batch.column("MA20")[bars.size() - 1]).isBetween(0.8, 1.2);
        assertThat(batch.column("PB_STD")[bars.size() - 1]).isFinite();
    }

    @Test
    void bars_convert_to_the_doubles_their_prices_read_as() {
        Bar bar = Bars.apple().get(0); // 2013-01-02,553.82,555.00,541.63,549.03,20018500
        BarColumns columns = BarColumns.of(List.of(bar));

        assertThat(columns.open()[0]).isEqualTo(553.82);
        assertThat(columns.close()[0]).isEqualTo(549.03);
        assertThat(columns.volume()[0]).isEqualTo(20018500.0);
        assertThat(columns.vwap()[0]).isNaN();
    }
}

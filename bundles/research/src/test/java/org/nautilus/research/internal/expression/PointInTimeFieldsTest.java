package org.nautilus.research.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FundamentalField;
import org.nautilus.api.research.expression.SentimentField;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.research.internal.support.Bars;

/**
 * Fundamentals and sentiment as fields of the algebra: point in time on each bar, batch = streaming bit for bit on
 * the real Apple bars with GENERATED quarterly statements (seeded, with restatements) and a generated sentiment.
 */
class PointInTimeFieldsTest {

    private static final InstrumentId APPLE = InstrumentId.of("AAPL");

    private static final List<FactorDefinition> DEFINITIONS = List.of(
            new FactorDefinition("EPS", "$eps", ""),
            new FactorDefinition("PE", "If(PSum($eps,4) > 0, $close/PSum($eps,4), 0/0)", ""),
            new FactorDefinition("PB_RANK", "Rank($close/$book, 20)", ""),
            new FactorDefinition("GROWTH", "PSum($sales,4)/PSum($sales,4,4)-1", ""),
            new FactorDefinition("EPS_CHANGE", "$eps-Ref($eps,5)", ""),
            new FactorDefinition("SENT", "$sentiment", ""),
            new FactorDefinition("SENT_MOM", "Mean($sentiment,5)*($close/Ref($close,5)-1)", ""),
            new FactorDefinition("MA_EY", "Mean(PSum($eps,4)/$close,10)", ""));

    /** Quarterly eps, sales and book for 2011-2013, published 30-45 days after each quarter, some restated. */
    static List<Fundamental> statements(long seed) {
        Random random = new Random(seed);
        List<Fundamental> rows = new ArrayList<>();
        for (LocalDate end = LocalDate.of(2011, 3, 31); end.isBefore(LocalDate.of(2014, 1, 1)); end = end
                .plusMonths(3).withDayOfMonth(1).plusMonths(1).minusDays(1)) {
            Instant published = end.plusDays(30 + random.nextInt(16)).atTime(21, 0).toInstant(ZoneOffset.UTC);
            double eps = Math.round((8 + 4 * random.nextGaussian()) * 100) / 100.0;
            rows.add(new Fundamental(APPLE, "eps", end, published, eps));
            rows.add(new Fundamental(APPLE, "sales", end, published, 40 + 5 * random.nextDouble()));
            rows.add(new Fundamental(APPLE, "book", end, published, 120 + 10 * random.nextDouble()));
            if (random.nextInt(3) == 0) { // a restatement some weeks later
                rows.add(new Fundamental(APPLE, "eps", end, published.plusSeconds(86_400L * (20 + random.nextInt(30))),
                        eps - 1.5));
            }
        }
        return rows;
    }

    /** A sentiment that moves every bar and is missing on some: a function of time only, as a service's is. */
    static double sentiment(Instant t) {
        long day = t.getEpochSecond() / 86_400;
        return day % 7 == 3 ? Double.NaN : Math.sin(day * 0.37) * 0.8;
    }

    @Test
    void aStreamFedTheBarsAndTheirPointInTimeFieldsEqualsTheBatchBitForBit() {
        List<Bar> bars = Bars.apple();
        FactorProgram program = FactorGraph.compile(DEFINITIONS).programOrThrow();
        assertThat(program.dataFields()).containsExactly(FundamentalField.of("eps"),
                new FundamentalField("eps", 4, 0), FundamentalField.of("book"), new FundamentalField("sales", 4, 0),
                new FundamentalField("sales", 4, 4), new SentimentField());
        List<Fundamental> history = statements(7);
        List<Instant> ends = bars.stream().map(Bar::end).toList();
        FactorColumns batch = program.evaluate(BarColumns.of(bars),
                PointInTimeFields.columns(program.dataFields(), history, PointInTimeFieldsTest::sentiment, ends));

        FactorStream stream = program.newStream();
        PointInTimeFields live = new PointInTimeFields(program.dataFields(), history,
                PointInTimeFieldsTest::sentiment);
        List<String> differences = new ArrayList<>();
        int finite = 0;
        for (int r = 0; r < bars.size(); r++) {
            stream.update(bars.get(r), live.next(bars.get(r).end()));
            for (int f = 0; f < program.size(); f++) {
                double expected = batch.values()[f][r];
                if (Double.doubleToRawLongBits(stream.value(f)) != Double.doubleToRawLongBits(expected)) {
                    differences.add(program.names().get(f) + " row " + r);
                }
                finite += Double.isFinite(expected) ? 1 : 0;
            }
        }
        assertThat(differences).isEmpty();
        assertThat(finite).as("values computed, not NaN throughout").isGreaterThan(bars.size() * 5);
        assertThat(Arrays.stream(batch.column("GROWTH")).filter(Double::isFinite).count()).isPositive();
    }

    @Test
    void crossSectionsOfPointInTimeFieldsStreamAsTheyBatch() {
        List<Bar> bars = Bars.apple();
        FactorProgram program = FactorGraph.compile(List.of(new FactorDefinition("PE_RANK", "CSRank($close/$eps)", ""),
                new FactorDefinition("SENT_Z", "CSZScore(Mean($sentiment,3))", ""),
                new FactorDefinition("EY_DEMEAN", "CSDemean(PSum($eps,4)/$close)", ""))).programOrThrow();
        List<Instant> ends = bars.stream().map(Bar::end).toList();
        int n = 3;
        BarColumns[] columns = new BarColumns[n];
        double[][][] data = new double[n][][];
        for (int i = 0; i < n; i++) {
            BarColumns apple = BarColumns.of(bars);
            double scale = 1 + 0.25 * i; // three instruments with the Apple bars at other price levels
            columns[i] = BarColumns.ofOhlcv(scaled(apple.open(), scale), scaled(apple.high(), scale),
                    scaled(apple.low(), scale), scaled(apple.close(), scale), apple.volume());
            long seed = 100 + i;
            data[i] = PointInTimeFields.columns(program.dataFields(), statements(seed),
                    t -> sentiment(t.plusSeconds(86_400 * seed)), ends);
        }
        Panel panel = Panel.complete(List.of("A", "B", "C"), columns);
        FactorColumns[] batch = new PanelBatch(program).evaluate(panel, data);

        PanelStream stream = new PanelStream(program, new int[] {-1, -1, -1});
        boolean[] present = {true, true, true};
        int finite = 0;
        for (int r = 0; r < bars.size(); r++) {
            double[][] fields = new double[n][];
            double[][] row = new double[n][];
            for (int i = 0; i < n; i++) {
                BarColumns c = columns[i];
                fields[i] = new double[] {c.open()[r], c.high()[r], c.low()[r], c.close()[r], c.volume()[r],
                        c.vwap()[r]};
                row[i] = new double[program.dataFields().size()];
                for (int slot = 0; slot < row[i].length; slot++) {
                    row[i][slot] = data[i][slot][r];
                }
            }
            stream.update(present, fields, row);
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < program.size(); f++) {
                    assertThat(Double.doubleToRawLongBits(stream.value(i, f))).as("%s of %d row %d",
                            program.names().get(f), i, r)
                            .isEqualTo(Double.doubleToRawLongBits(batch[i].values()[f][r]));
                    finite += Double.isFinite(batch[i].values()[f][r]) ? 1 : 0;
                }
            }
        }
        assertThat(finite).isGreaterThan(bars.size() * 3);
    }

    private static double[] scaled(double[] column, double scale) {
        return Arrays.stream(column).map(v -> v * scale).toArray();
    }

    @Test
    void aBarSeesOnlyWhatWasPublishedByItsEndAndARestatementFromItsPublicationOn() {
        LocalDate q4 = LocalDate.of(2012, 12, 31);
        Instant published = Instant.parse("2013-01-24T21:00:00Z");
        Instant restated = Instant.parse("2013-03-01T12:00:00Z");
        List<Fundamental> history = List.of(new Fundamental(APPLE, "eps", q4, restated, 9.0),
                new Fundamental(APPLE, "eps", q4, published, 13.81));
        PointInTimeFields fields = new PointInTimeFields(List.of(Expression.fundamental("eps")), history, null);

        assertThat(fields.next(published.minusNanos(1))[0]).isNaN();
        assertThat(fields.next(published)[0]).isEqualTo(13.81); // published at the bar's end: known
        assertThat(fields.next(restated.minusSeconds(1))[0]).isEqualTo(13.81);
        assertThat(fields.next(restated)[0]).isEqualTo(9.0);
        assertThatThrownBy(() -> fields.next(published)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forward only");
    }

    @Test
    void aRestatementPublishedLaterChangesNoValueBeforeIt() {
        List<Bar> bars = Bars.apple();
        FactorProgram program = FactorGraph.compile(DEFINITIONS).programOrThrow();
        List<Instant> ends = bars.stream().map(Bar::end).toList();
        List<Fundamental> history = statements(7);
        Instant cut = ends.get(ends.size() / 2);
        List<Fundamental> later = new ArrayList<>(history);
        // a restatement of every known period published the bar after the cut
        for (Fundamental row : history) {
            if (!row.published().isAfter(cut)) {
                later.add(new Fundamental(APPLE, row.field(), row.periodEnd(), cut.plusSeconds(1), row.value() * 2));
            }
        }
        FactorColumns before = program.evaluate(BarColumns.of(bars),
                PointInTimeFields.columns(program.dataFields(), history, PointInTimeFieldsTest::sentiment, ends));
        FactorColumns after = program.evaluate(BarColumns.of(bars),
                PointInTimeFields.columns(program.dataFields(), later, PointInTimeFieldsTest::sentiment, ends));
        int cutRow = ends.indexOf(cut);
        for (int f = 0; f < program.size(); f++) {
            for (int r = 0; r <= cutRow; r++) {
                assertThat(Double.doubleToRawLongBits(after.values()[f][r])).as("%s row %d", program.names().get(f), r)
                        .isEqualTo(Double.doubleToRawLongBits(before.values()[f][r]));
            }
        }
        assertThat(after.column("EPS")[cutRow + 1]).isNotEqualTo(before.column("EPS")[cutRow + 1]);
    }

    @Test
    void trailingSumsNeedTheirQuartersWithinTheirCalendarSpan() {
        List<Fundamental> history = new ArrayList<>();
        String[] ends = {"2023-03-31", "2023-06-30", "2023-09-30", "2024-03-31"}; // Q4 2023 missing
        for (String end : ends) {
            history.add(new Fundamental(APPLE, "eps", LocalDate.parse(end), Instant.parse(end + "T00:00:00Z")
                    .plusSeconds(86_400L * 40), 1.0));
        }
        PointInTimeFields fields = new PointInTimeFields(
                List.of(new FundamentalField("eps", 4, 0), new FundamentalField("eps", 3, 0),
                        new FundamentalField("eps", 1, 1)),
                history, null);
        double[] values = fields.next(Instant.parse("2024-06-01T00:00:00Z"));
        // four quarters span 366 days at most: 2023-03-31 .. 2024-03-31 is 366 days, so it sums (one missing)
        assertThat(values[0]).isEqualTo(4.0);
        // three quarters span 274 days at most: 2023-06-30 .. 2024-03-31 is 275
        assertThat(values[1]).isNaN();
        assertThat(values[2]).isEqualTo(1.0); // the quarter before the latest
        assertThat(new FundamentalField("sales", 4, 4).maxSpanDays()).isEqualTo(731);
    }
}

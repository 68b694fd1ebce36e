package org.nautilus.risk.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.risk.internal.support.FakeMarketData;

class VarCalculatorTest {

    private static final BigDecimal C95 = new BigDecimal("0.95");
    private static final Instant T0 = Instant.parse("2025-03-03T14:31:00Z");

    @Test
    void theNormalQuantilesAreTheTextbookOnes() {
        assertThat(VarCalculator.inverseNormal(0.95)).isCloseTo(1.6448536269514722, within(1e-8));
        assertThat(VarCalculator.inverseNormal(0.99)).isCloseTo(2.3263478740408408, within(1e-8));
        assertThat(VarCalculator.inverseNormal(0.5)).isCloseTo(0, within(1e-12));
        assertThat(VarCalculator.inverseNormal(0.001)).isCloseTo(-3.090232306167813, within(1e-8));
    }

    @Test
    void historicalVarIsTheFifthWorstOfAHundredScenarios() {
        double[] pnl = new double[100];
        for (int i = 0; i < 100; i++) {
            pnl[i] = (i * 37 % 100) - 50; // -50..49 shuffled
        }

        assertThat(VarCalculator.historical(pnl, C95)).isEqualTo(46.0);
    }

    @Test
    void historicalVarOfTwentyScenariosIsTheWorstOne() {
        double[] pnl = new double[20];
        for (int i = 0; i < 20; i++) {
            pnl[i] = i - 5;
        }
        assertThat(VarCalculator.historical(pnl, C95)).isEqualTo(5.0);
    }

    @Test
    void parametricVarIsZTimesSigma() {
        double[] pnl = new double[100];
        for (int i = 0; i < 100; i++) {
            pnl[i] = i;
        }
        double sigma = Math.sqrt(100 * 101 / 12.0); // sample standard deviation of 0..99

        assertThat(VarCalculator.parametric(pnl, C95)).isCloseTo(1.6448536269514722 * sigma, within(1e-6));
    }

    @Test
    void scenariosUseTheReturnsOfTheSameMomentForEveryInstrument() {
        FakeMarketData md = new FakeMarketData();
        // AAPL and MSFT move in opposite directions: a long/short pair of equal size is hedged.
        double[] aapl = new double[31];
        double[] msft = new double[31];
        for (int i = 0; i <= 30; i++) {
            aapl[i] = 100 * (1 + (i % 2 == 0 ? 0 : 0.01));
            msft[i] = 100 * (1 + (i % 2 == 0 ? 0 : 0.01));
        }
        md.closes("AAPL", T0, aapl);
        md.closes("MSFT", T0, msft);
        Map<InstrumentId, List<Bar>> bars = Map.of(InstrumentId.of("AAPL"), md.bars(InstrumentId.of("AAPL"), 31),
                InstrumentId.of("MSFT"), md.bars(InstrumentId.of("MSFT"), 31));

        var hedged = VarCalculator.compute(Map.of(InstrumentId.of("AAPL"), 1_000_000.0,
                InstrumentId.of("MSFT"), -1_000_000.0), bars, C95, 250, 20).orElseThrow();
        var outright = VarCalculator.compute(Map.of(InstrumentId.of("AAPL"), 1_000_000.0), bars, C95, 250, 20)
                .orElseThrow();

        assertThat(hedged.observations()).isEqualTo(30);
        assertThat(hedged.historical()).isCloseTo(0, within(1e-6));
        assertThat(hedged.horizon()).isEqualTo(Duration.ofMinutes(1));
        // Returns alternate +1% and -0.990099%: the worst scenario of a 1M long loses 9,900.99.
        assertThat(outright.historical()).isCloseTo(9900.990099, within(1e-3));
    }

    @Test
    void tooFewReturnsGiveNoVar() {
        FakeMarketData md = new FakeMarketData();
        md.closes("AAPL", T0, 100, 101, 102);

        assertThat(VarCalculator.compute(Map.of(InstrumentId.of("AAPL"), 1.0),
                Map.of(InstrumentId.of("AAPL"), md.bars(InstrumentId.of("AAPL"), 10)), C95, 250, 20)).isEmpty();
    }

    @Test
    void anEmptyPortfolioHasZeroVar() {
        var result = VarCalculator.compute(Map.of(), Map.of(), C95, 250, 20).orElseThrow();

        assertThat(result.historical()).isZero();
        assertThat(result.parametric()).isZero();
    }
}

package org.nautilus.research.internal.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.Dataset;
import org.nautilus.api.research.Factor;
import org.nautilus.factor.momentum.internal.MomentumFactor;
import org.nautilus.factor.technical.internal.RsiFactor;
import org.nautilus.research.internal.support.Bars;

class TrainingSetBuilderTest {

    private final List<Bar> apple = Bars.apple();
    private final List<Factor> failures = new ArrayList<>();

    @Test
    void oneRowPerBarWithEveryFactorAndTheNextReturnAsTarget() {
        RsiFactor rsi = new RsiFactor(14);
        MomentumFactor momentum = new MomentumFactor();
        TrainingSet set = TrainingSetBuilder.build(apple, List.of(rsi, momentum), 200, (f, e) -> failures.add(f));

        Dataset data = set.dataset().orElseThrow();
        assertThat(data.featureNames()).as("ordered by name").containsExactly("momentum-10", "rsi-14");
        assertThat(data.targetName()).isEqualTo("forward-return-1");
        // RSI-14 needs 15 bars (first row after bar 14); the last bar has no next return.
        assertThat(data.rows()).isEqualTo(252 - 14 - 1);
        double[] first = data.features()[0];
        assertThat(first[1]).isEqualTo(rsi.compute(apple.subList(0, 15)).getAsDouble());
        assertThat(first[0]).isEqualTo(momentum.compute(apple.subList(0, 15)).getAsDouble());
        // Bar 14 is 2013-01-23 (close 514.01), bar 15 is 2013-01-24 (close 450.50): the -12.4 % day.
        assertThat(apple.get(14).close().toString()).isEqualTo("514.01");
        assertThat(data.targets()[0]).isCloseTo(450.50 / 514.01 - 1, within(1e-12));
        assertThat(failures).isEmpty();
    }

    @Test
    void factorsSeeTheSameWindowAsLive() {
        RsiFactor rsi = new RsiFactor(14);
        Dataset data = TrainingSetBuilder.build(apple, List.of(rsi), 50, (f, e) -> failures.add(f)).dataset().orElseThrow();
        // Row for bar t = 100 (row index 100 - 14): RSI over bars 51..100, the last 50.
        assertThat(data.features()[100 - 14][0]).isEqualTo(rsi.compute(apple.subList(51, 101)).getAsDouble());
    }

    @Test
    void saysWhyThereIsNoDataset() {
        assertThat(TrainingSetBuilder.build(apple, List.of(), 200, (f, e) -> { }).shortfall())
                .isEqualTo("no factors registered");
        TrainingSet tooShort = TrainingSetBuilder.build(apple.subList(0, 40), List.of(new RsiFactor(14)), 200, (f, e) -> { });
        assertThat(tooShort.dataset()).isEmpty();
        assertThat(tooShort.shortfall()).isEqualTo("40 bars give 25 rows with a value for every factor [rsi-14]; "
                + "at least 30 are needed");
    }

    @Test
    void allFactorsOfTheBundlesCanBeUsedTogetherOnAnyInstrument() {
        List<Bar> minute = Bars.ofCloses(InstrumentId.of("BTC-USD"), Bars.T0, Pipelines.meanReverting(120, 1));
        Dataset data = TrainingSetBuilder.build(minute, List.of(new RsiFactor(7), new MomentumFactor()), 200,
                (f, e) -> failures.add(f)).dataset().orElseThrow();
        assertThat(data.featureNames()).containsExactly("momentum-10", "rsi-7");
        assertThat(data.rows()).isEqualTo(120 - 10 - 1);
    }
}

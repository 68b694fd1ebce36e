package org.nautilus.research.internal.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.Dataset;
import org.nautilus.api.research.Factor;
import org.nautilus.api.research.ModelInfo;
import org.nautilus.factor.momentum.internal.MomentumFactor;
import org.nautilus.factor.technical.internal.RsiFactor;
import org.nautilus.model.weka.internal.ForestSettings;
import org.nautilus.model.weka.internal.WekaForestModel;
import org.nautilus.research.internal.support.Bars;

/** Bars to factor values to a trained Weka forest to a prediction, with the real plugins. */
class TrainingPipelineTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private final WekaForestModel forest = new WekaForestModel(new ForestSettings(50, 1, 0), Clock.systemUTC());
    private final ModelRegistry registry = new ModelRegistry();

    @Test
    void learnsAPredictableMarketBetterThanTheNaiveBaseline() {
        List<Bar> bars = Bars.ofCloses(AAPL, Bars.T0, Pipelines.meanReverting(800, 42));
        List<Factor> factors = List.of(new RsiFactor(14), new MomentumFactor());
        Dataset data = TrainingSetBuilder.build(bars, factors, 200, (f, e) -> { }).dataset().orElseThrow();

        registry.add(forest);
        assertThat(registry.model("weka-random-forest").orElseThrow().status()).isEqualTo(ModelRegistry.WAITING_FOR_DATA);
        registry.train(registry.names(), () -> TrainingData.of(data, "synthetic"));

        ModelInfo info = registry.model("weka-random-forest").orElseThrow();
        assertThat(info.status()).isEqualTo(ModelRegistry.READY);
        assertThat(info.metrics().features()).containsExactly("momentum-10", "rsi-14");
        assertThat(info.metrics().trainingRows() + info.metrics().testRows()).isEqualTo(data.rows());
        Map<String, Double> m = info.metrics().metrics();
        assertThat(m.get("rmse")).isLessThan(m.get("baseline-rmse"));
        assertThat(m.get("correlation")).isGreaterThan(0.3);
        assertThat(m.get("direction-accuracy")).isGreaterThan(0.6);

        // Serving: after a 10-bar rally of +8 % the model expects a fall, after a -8 % slide a rise.
        OptionalDouble afterRally = registry.predict("weka-random-forest", AAPL,
                (factor, id) -> OptionalDouble.of(factor.equals("momentum-10") ? 0.08 : 75));
        OptionalDouble afterSlide = registry.predict("weka-random-forest", AAPL,
                (factor, id) -> OptionalDouble.of(factor.equals("momentum-10") ? -0.08 : 25));
        assertThat(afterRally.getAsDouble()).isNegative();
        assertThat(afterSlide.getAsDouble()).isPositive();
        // A feature without a live value: no prediction.
        assertThat(registry.predict("weka-random-forest", AAPL,
                (factor, id) -> factor.equals("rsi-14") ? OptionalDouble.empty() : OptionalDouble.of(0.01))).isEmpty();
        assertThat(registry.predict("no-such-model", AAPL, (factor, id) -> OptionalDouble.of(1))).isEmpty();
    }

    @Test
    void trainsOnTheAppleSampleWithRsi() {
        Dataset data = TrainingSetBuilder.build(Bars.apple(), List.of(new RsiFactor(14)), 200, (f, e) -> { })
                .dataset().orElseThrow();
        registry.add(forest);
        registry.train(List.of("weka-random-forest"), () -> TrainingData.of(data, "apple"));

        ModelInfo info = registry.model("weka-random-forest").orElseThrow();
        assertThat(info.status()).isEqualTo(ModelRegistry.READY);
        assertThat(info.metrics().library()).isEqualTo("weka 3.8.7");
        assertThat(info.metrics().trainingRows()).isEqualTo(190);
        assertThat(info.metrics().testRows()).isEqualTo(47);
        assertThat(info.metrics().metrics().get("rmse")).isFinite().isPositive();
        assertThat(registry.predict("weka-random-forest", AAPL, (factor, id) -> OptionalDouble.of(55))).isPresent();
    }

    @Test
    void statusSaysWhyAModelIsNotReady() {
        registry.add(forest);
        registry.train(registry.names(), () -> TrainingData.waiting("no factors registered"));
        ModelInfo waiting = registry.model("weka-random-forest").orElseThrow();
        assertThat(waiting.status()).isEqualTo(ModelRegistry.WAITING_FOR_DATA);
        assertThat(waiting.detail()).isEqualTo("no factors registered");
        assertThat(waiting.metrics()).isNull();

        // The model itself refuses: FAILED with its reason.
        Dataset tiny = new Dataset(List.of("rsi-14"), "forward-return-1", new double[][] {{50}, {60}}, new double[] {0.01, -0.01});
        registry.train(registry.names(), () -> TrainingData.of(tiny, "tiny"));
        ModelInfo failed = registry.model("weka-random-forest").orElseThrow();
        assertThat(failed.status()).isEqualTo(ModelRegistry.FAILED);
        assertThat(failed.detail()).contains("at least 10 rows, got 2");
        assertThat(registry.predict("weka-random-forest", AAPL, (factor, id) -> OptionalDouble.of(50))).isEmpty();

        registry.queued(registry.names());
        assertThat(registry.model("weka-random-forest").orElseThrow().status()).isEqualTo(ModelRegistry.TRAINING);
        assertThat(registry.remove(forest)).isTrue();
        assertThat(registry.models()).isEmpty();
    }
}

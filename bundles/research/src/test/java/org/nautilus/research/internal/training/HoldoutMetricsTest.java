package org.nautilus.research.internal.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldoutMetricsTest {

    @Test
    void errorsByHand() {
        double[] predicted = {1, 2, 3, -1};
        double[] actual = {2, 2, 1, -2};
        // errors -1, 0, 2, 1: squared 1, 0, 4, 1 -> rmse sqrt(6/4); absolute 1, 0, 2, 1 -> mae 1
        assertThat(HoldoutMetrics.rmse(predicted, actual)).isCloseTo(Math.sqrt(1.5), within(1e-12));
        assertThat(HoldoutMetrics.mae(predicted, actual)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void correlation() {
        assertThat(HoldoutMetrics.correlation(new double[] {1, 2, 3}, new double[] {2, 4, 6})).isCloseTo(1.0, within(1e-12));
        assertThat(HoldoutMetrics.correlation(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isCloseTo(-1.0, within(1e-12));
        assertThat(HoldoutMetrics.correlation(new double[] {1, 1, 1}, new double[] {3, 2, 1})).isNaN();
    }

    @Test
    void directionAccuracyIgnoresRowsThatDidNotMove() {
        double[] predicted = {0.1, -0.2, 0.3, 0.4, -0.1};
        double[] actual = {0.2, 0.1, 0.0, 0.5, -0.3};
        // counted rows 0, 1, 3, 4: right 0, 3, 4 -> 3/4
        assertThat(HoldoutMetrics.directionAccuracy(predicted, actual)).isEqualTo(0.75);
        assertThat(HoldoutMetrics.directionAccuracy(new double[] {1}, new double[] {0})).isNaN();
    }

    @Test
    void baselinePredictsTheTrainingMean() {
        Map<String, Double> metrics = HoldoutMetrics.of(new double[] {1, 2}, new double[] {1, 3}, 2.0);
        assertThat(metrics.get("baseline-mae")).isEqualTo(1.0);
        assertThat(metrics.get("baseline-rmse")).isEqualTo(1.0);
        assertThat(metrics.get("mae")).isEqualTo(0.5);
        assertThat(metrics.get("baseline-direction-accuracy")).isEqualTo(1.0);
    }
}

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
        assertThat(HoldoutMetrics.correlation(new double[] {1, 2, 3}, new double[] {2, 4, 6})).isCloseTo(1.0,
                within(1e-12));
        assertThat(HoldoutMetrics.correlation(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isCloseTo(-1.0,
                within(1e-12));
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

    /** Hand-computed: 4 rows, up = rows 0 and 2. */
    @Test
    void directionMetricsByHand() {
        double[] p = {0.9, 0.6, 0.4, 0.2};
        double[] actual = {0.01, -0.02, 0.03, 0.0};
        // accuracy: row 0 right (up, 0.9), row 1 wrong (down, 0.6), row 2 wrong (up, 0.4), row 3 right -> 2/4
        assertThat(HoldoutMetrics.accuracy(p, actual)).isEqualTo(0.5);
        // pairs (up, down): (0.9,0.6) (0.9,0.2) (0.4,0.6) (0.4,0.2): 3 of 4 ordered right
        assertThat(HoldoutMetrics.auc(p, actual)).isCloseTo(0.75, within(1e-12));
        assertThat(HoldoutMetrics.auc(new double[] {0.5, 0.5}, new double[] {1, -1})).isEqualTo(0.5);
        assertThat(HoldoutMetrics.auc(p, new double[] {1, 1, 1, 1})).isNaN();
        double expected = -(Math.log(0.9) + Math.log(0.4) + Math.log(0.4) + Math.log(0.8)) / 4;
        assertThat(HoldoutMetrics.logLoss(p, actual)).isCloseTo(expected, within(1e-12));
        assertThat(HoldoutMetrics.logLoss(new double[] {0.0}, new double[] {1})).isCloseTo(-Math.log(1e-15),
                within(1e-9));
        Map<String, Double> metrics = HoldoutMetrics.ofDirection(p, actual, 0.5);
        assertThat(metrics.get("baseline-log-loss")).isCloseTo(Math.log(2), within(1e-12));
        assertThat(metrics.get("baseline-accuracy")).isEqualTo(0.5); // 0.5 is not above 0.5: always says down
    }
}

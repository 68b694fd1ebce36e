package org.nautilus.research.internal.training;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.BiConsumer;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.Dataset;
import org.nautilus.api.research.Factor;
import org.nautilus.research.internal.features.FactorWindows;

/**
 * Turns historical bars into a training set: one row per bar at which every factor has a value, the features
 * being the factor values after that bar (computed over the same window as live, see {@link FactorWindows}) and
 * the target the return of the next bar, {@code close[t+1] / close[t] − 1}. Rows stay in time order, so a
 * model can hold out the newest ones.
 */
public final class TrainingSetBuilder {

    /** Name of the target column. */
    public static final String TARGET = "forward-return-1";
    /** Fewer rows than this are not worth training on. */
    public static final int MIN_ROWS = 30;

    private TrainingSetBuilder() {
    }

    /**
     * @param bars      one instrument's bars, oldest first
     * @param factors   the features; columns are ordered by factor name
     * @param window    bars each factor is given (as live)
     * @param onFailure told when a factor throws (its row is skipped)
     */
    public static TrainingSet build(List<Bar> bars, Collection<Factor> factors, int window,
                                    BiConsumer<Factor, RuntimeException> onFailure) {
        if (factors.isEmpty()) {
            return TrainingSet.none("no factors registered");
        }
        List<Factor> columns = new ArrayList<>(factors);
        columns.sort(Comparator.comparing(Factor::name));
        List<String> names = columns.stream().map(Factor::name).toList();

        List<double[]> rows = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (int t = 0; t + 1 < bars.size(); t++) {
            long close = bars.get(t).close().raw();
            if (close <= 0) {
                continue; // no return is defined from a zero or negative price
            }
            double[] row = new double[columns.size()];
            boolean complete = true;
            for (int c = 0; c < columns.size() && complete; c++) {
                Factor factor = columns.get(c);
                OptionalDouble value = FactorWindows.evaluate(factor, FactorWindows.barsFor(factor, bars, t + 1, window),
                        onFailure);
                complete = value.isPresent();
                row[c] = complete ? value.getAsDouble() : 0;
            }
            if (complete) {
                rows.add(row);
                // Same scale on both sides: the ratio of raw fixed-point values is the ratio of the prices.
                targets.add((double) bars.get(t + 1).close().raw() / close - 1.0);
            }
        }
        if (rows.size() < MIN_ROWS) {
            return TrainingSet.none(bars.size() + " bars give " + rows.size() + " rows with a value for every factor "
                    + names + "; at least " + MIN_ROWS + " are needed");
        }
        double[] y = new double[targets.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = targets.get(i);
        }
        return TrainingSet.of(new Dataset(names, TARGET, rows.toArray(new double[0][]), y));
    }
}

package org.nautilus.research.internal.features;

import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.BiConsumer;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.Factor;

/**
 * Which bars a factor sees. Live (the feature engine) and in training (the training set builder) a factor's
 * value after a bar is computed over the same bars: the last {@code max(window, lookback)} bars up to and
 * including that bar. A factor whose value depends on how much history it sees (RSI's smoothing does, a
 * little) therefore gives the model the same numbers it was trained on.
 */
public final class FactorWindows {

    private FactorWindows() {
    }

    /** How many bars a factor is given, at most. */
    public static int size(Factor factor, int window) {
        return Math.max(window, factor.lookback());
    }

    /** Bars to keep per instrument so that every factor gets its full window. */
    public static int capacity(Collection<Factor> factors, int window) {
        int capacity = window;
        for (Factor factor : factors) {
            capacity = Math.max(capacity, factor.lookback());
        }
        return capacity;
    }

    /** The bars {@code factor} is given for its value after {@code bars.get(end - 1)}. */
    public static List<Bar> barsFor(Factor factor, List<Bar> bars, int end, int window) {
        return bars.subList(Math.max(0, end - size(factor, window)), end);
    }

    /**
     * The factor's value, or empty if it needs more bars, returns no finite number, or fails (a plugin must not
     * stop the engine: its failure goes to {@code onFailure}).
     */
    public static OptionalDouble evaluate(Factor factor, List<Bar> bars,
            BiConsumer<Factor, RuntimeException> onFailure) {
        if (bars.size() < factor.lookback()) {
            return OptionalDouble.empty();
        }
        try {
            OptionalDouble value = factor.compute(bars);
            return value.isPresent() && Double.isFinite(value.getAsDouble()) ? value : OptionalDouble.empty();
        } catch (RuntimeException e) {
            onFailure.accept(factor, e);
            return OptionalDouble.empty();
        }
    }
}

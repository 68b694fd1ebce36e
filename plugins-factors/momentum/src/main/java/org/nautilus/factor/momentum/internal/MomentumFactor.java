package org.nautilus.factor.momentum.internal;

import java.util.List;
import java.util.OptionalDouble;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.Factor;
import org.osgi.service.component.annotations.Component;

/**
 * Price momentum over 10 bars: {@code close / close 10 bars earlier − 1} (0.05 = up 5 %). Pure: it reads the
 * last 11 closes of the bars it is given and nothing else.
 */
@Component(service = Factor.class, property = Factor.NAME_PROPERTY + "=" + MomentumFactor.NAME)
public final class MomentumFactor implements Factor {

    static final String NAME = "momentum-10";
    static final int BARS_BACK = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Return over the last " + BARS_BACK + " bars: close / close " + BARS_BACK + " bars ago - 1";
    }

    @Override
    public int lookback() {
        return BARS_BACK + 1;
    }

    @Override
    public OptionalDouble compute(List<Bar> bars) {
        if (bars.size() < lookback()) {
            return OptionalDouble.empty();
        }
        long now = bars.get(bars.size() - 1).close().raw();
        long then = bars.get(bars.size() - 1 - BARS_BACK).close().raw();
        if (then <= 0) {
            return OptionalDouble.empty(); // no return is defined from a zero or negative price
        }
        // Both prices share the fixed-point scale, so the ratio of the raw values is the ratio of the prices.
        return OptionalDouble.of((double) now / then - 1.0);
    }

    @Override
    public String toString() {
        return NAME;
    }
}

package org.nautilus.api.research;

import java.util.List;
import java.util.OptionalDouble;
import org.nautilus.api.marketdata.Bar;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A factor (a feature): a number computed from an instrument's recent bars, published as an OSGi service
 * with the property {@code factor.name=<name>}. Pure: the same bars give the same value.
 */
@ConsumerType
public interface Factor {

    /** Service property carrying the factor name. */
    String NAME_PROPERTY = "factor.name";

    /** Stable name, e.g. {@code rsi-14}. */
    String name();

    String description();

    /** How many closed bars {@link #compute} needs. */
    int lookback();

    /**
     * The factor value after the last bar of {@code bars} (oldest first).
     *
     * @return empty if there are too few bars
     */
    OptionalDouble compute(List<Bar> bars);
}

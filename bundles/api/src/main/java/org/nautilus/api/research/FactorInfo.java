package org.nautilus.api.research;

/**
 * A registered factor.
 *
 * @param name        the factor name
 * @param description what it computes
 * @param lookback    bars it needs
 */
public record FactorInfo(String name, String description, int lookback) {
}

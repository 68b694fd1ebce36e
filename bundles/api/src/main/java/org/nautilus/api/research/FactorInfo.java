package org.nautilus.api.research;

import java.util.Objects;

/**
 * A registered factor.
 *
 * @param name        the factor name
 * @param description what it computes
 * @param lookback    bars it needs (for a library's factor: bars before the current one its value depends on)
 * @param library     the {@link org.nautilus.api.research.expression.FactorLibrary} defining it, or empty for a
 *                    {@link Factor} plugin
 */
public record FactorInfo(String name, String description, int lookback, String library) {

    public FactorInfo {
        Objects.requireNonNull(name, "name");
        library = library == null ? "" : library;
    }

    /** A {@link Factor} plugin's factor. */
    public FactorInfo(String name, String description, int lookback) {
        this(name, description, lookback, "");
    }
}

package org.nautilus.portfolio.internal.core;

import java.util.Comparator;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;

/** A position's identity: portfolio and instrument, sorted in that order. */
public record PositionKey(PortfolioId portfolio, InstrumentId instrument) implements Comparable<PositionKey> {

    private static final Comparator<PositionKey> ORDER = Comparator.comparing(PositionKey::portfolio)
            .thenComparing(PositionKey::instrument);

    public PositionKey {
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(instrument, "instrument");
    }

    @Override
    public int compareTo(PositionKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return portfolio + "/" + instrument;
    }
}

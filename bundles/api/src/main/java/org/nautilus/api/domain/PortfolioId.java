package org.nautilus.api.domain;

/**
 * Identifies a portfolio (an account): positions, P&amp;L and risk limits are kept per portfolio.
 *
 * @param value letters, digits and {@code . - _ / :}, at most 64 characters
 */
public record PortfolioId(String value) implements Comparable<PortfolioId> {

    public PortfolioId {
        Identifiers.require("PortfolioId", value);
    }

    public static PortfolioId of(String value) {
        return new PortfolioId(value);
    }

    @Override
    public int compareTo(PortfolioId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

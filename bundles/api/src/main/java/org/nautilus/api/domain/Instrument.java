package org.nautilus.api.domain;

import java.util.Objects;

/**
 * A tradable instrument and its trading rules.
 *
 * @param id          the symbol
 * @param currency    ISO 4217 code of the quote currency, e.g. {@code USD}
 * @param tickSize    the price increment; every order price is a multiple of it
 * @param lotSize     the quantity increment; every order quantity is a multiple of it
 * @param minQuantity the smallest order quantity
 * @param maxQuantity the largest order quantity
 * @param multiplier  contract multiplier: notional = price × quantity × multiplier (1 for cash equities)
 */
public record Instrument(InstrumentId id, String currency, Price tickSize, Quantity lotSize,
        Quantity minQuantity, Quantity maxQuantity, Quantity multiplier) {

    public Instrument {
        Objects.requireNonNull(id, "id");
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException(id + ": currency must be a 3-letter ISO code, got '" + currency + "'");
        }
        requirePositive(id, "tickSize", tickSize.raw());
        requirePositive(id, "lotSize", lotSize.raw());
        requirePositive(id, "minQuantity", minQuantity.raw());
        requirePositive(id, "multiplier", multiplier.raw());
        if (maxQuantity.compareTo(minQuantity) < 0) {
            throw new IllegalArgumentException(
                    id + ": maxQuantity " + maxQuantity + " is below minQuantity " + minQuantity);
        }
    }

    /** An equity-like instrument: whole shares, a tick of 0.01, multiplier 1, up to 1,000,000 per order. */
    public static Instrument equity(String symbol, String currency) {
        return new Instrument(InstrumentId.of(symbol), currency, Price.of("0.01"), Quantity.ofWhole(1),
                Quantity.ofWhole(1), Quantity.ofWhole(1_000_000), Quantity.ofWhole(1));
    }

    /** Notional of {@code quantity} at {@code price}: |quantity| × price × multiplier. */
    public Money notional(Quantity quantity, Price price) {
        Money unit = quantity.notional(price);
        return multiplier.raw() == FixedPoint.ONE ? unit : new Money(FixedPoint.multiply(unit.raw(), multiplier.raw()));
    }

    private static void requirePositive(InstrumentId id, String field, long raw) {
        if (raw <= 0) {
            throw new IllegalArgumentException(id + ": " + field + " must be positive");
        }
    }
}

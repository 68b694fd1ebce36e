package org.nautilus.api.venue;

import java.util.Objects;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;

/**
 * One price level of an order book: the total quantity resting at one price.
 *
 * @param price    the level's price
 * @param quantity total resting quantity at that price, positive
 * @param orders   number of orders resting at that price
 */
public record BookLevel(Price price, Quantity quantity, int orders) {

    public BookLevel {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
        if (!quantity.isPositive()) {
            throw new IllegalArgumentException("a book level needs a positive quantity, got " + quantity);
        }
        if (orders <= 0) {
            throw new IllegalArgumentException("a book level needs at least one order, got " + orders);
        }
    }
}

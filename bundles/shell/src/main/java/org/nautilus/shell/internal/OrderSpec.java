package org.nautilus.shell.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;

/**
 * One order of a contingent list typed in the shell, in trading words:
 * <pre>
 *   SIDE QUANTITY SYMBOL [MARKET | LIMIT price | STOP stop | STOP_LIMIT stop limit]
 * </pre>
 * e.g. {@code "SELL 5 MSFT LIMIT 420"} or {@code "SELL 5 MSFT STOP_LIMIT 380 379.5"}; without a type it is a MARKET
 * order. Portfolio, venue, time in force and client order id are the command's, the same for every order.
 */
final class OrderSpec {

    static final String SYNTAX = "SIDE QUANTITY SYMBOL [MARKET | LIMIT price | STOP stop | STOP_LIMIT stop limit]";

    private OrderSpec() {
    }

    /**
     * @param spec     what was typed for the order
     * @param position the order's position in the list (1-based), for the error message
     * @throws IllegalArgumentException saying which order, what is wrong and the syntax
     */
    static OrderRequest parse(String spec, int position, ClientOrderId clientOrderId, PortfolioId portfolio,
            VenueId venue, TimeInForce tif, Instant expire) {
        String[] words = spec.strip().split("\\s+");
        try {
            if (words.length < 3) {
                throw new IllegalArgumentException("expected at least side, quantity and symbol");
            }
            Side side = SubmitOrderCommand.parse(Side.class, words[0], "side");
            Quantity quantity = Quantity.of(number(words[1], "quantity"));
            InstrumentId instrument = InstrumentId.of(words[2].toUpperCase(Locale.ROOT));
            OrderType type = words.length > 3 ? SubmitOrderCommand.parse(OrderType.class, words[3], "order type")
                    : OrderType.MARKET;
            int prices = (type.needsStopPrice() ? 1 : 0) + (type.needsLimitPrice() ? 1 : 0);
            if (words.length != 4 + prices && !(words.length == 3 && type == OrderType.MARKET)) {
                throw new IllegalArgumentException("a " + type + " order takes " + prices + " price(s) after its type"
                        + (type == OrderType.STOP_LIMIT ? " (the stop, then the limit)" : "") + ", got "
                        + Math.max(0, words.length - 4));
            }
            Price stop = type.needsStopPrice() ? Price.of(number(words[4], "stop price")) : null;
            Price limit = type.needsLimitPrice() ? Price.of(number(words[words.length - 1], "limit price")) : null;
            return new OrderRequest(clientOrderId, portfolio, instrument, side, type, quantity, limit, stop, tif,
                    expire, venue, false, false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("order " + position + " '" + spec.strip() + "': " + e.getMessage()
                    + "; write it as \"" + SYNTAX + "\"", e);
        }
    }

    private static String number(String text, String what) {
        try {
            return new BigDecimal(text).toPlainString();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number");
        }
    }
}

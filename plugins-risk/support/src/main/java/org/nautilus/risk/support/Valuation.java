package org.nautilus.risk.support;

import java.util.List;
import java.util.Optional;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Side;
import org.nautilus.api.risk.RiskContext;

/** Prices, exposures and the "does this order reduce the position" test the rules share. Pure functions. */
public final class Valuation {

    private Valuation() {
    }

    /**
     * The price an order is valued at: its limit price, else its stop price, else the current mark (a MARKET
     * order trades around it); empty for a MARKET order in an instrument without a mark.
     */
    public static Optional<Price> orderPrice(OrderRequest request, RiskContext context) {
        if (request.limitPrice() != null) {
            return Optional.of(request.limitPrice());
        }
        if (request.stopPrice() != null) {
            return Optional.of(request.stopPrice());
        }
        return context.mark(request.instrumentId());
    }

    /** The mark of the position's instrument, else its average price (a position without market data). */
    public static Price markOrAverage(Position position, RiskContext context) {
        return context.mark(position.instrumentId()).orElse(position.averagePrice());
    }

    /** The raw contract multiplier; 1 for an instrument the gateway does not know. */
    public static long multiplier(InstrumentId id, RiskContext context) {
        Optional<Instrument> instrument = context.instrument(id);
        return instrument.isPresent() ? instrument.get().multiplier().raw() : FixedPoint.ONE;
    }

    /** Signed exposure {@code quantity × price × multiplier}, raw fixed-point money. */
    public static long exposure(long signedQuantityRaw, Price price, long multiplierRaw) {
        long value = FixedPoint.multiply(signedQuantityRaw, price.raw());
        return multiplierRaw == FixedPoint.ONE ? value : FixedPoint.multiply(value, multiplierRaw);
    }

    /** The still-open quantity (raw) of the orders on {@code side}, leaving out the order {@code exclude}. */
    public static long openQuantity(List<Order> openOrders, Side side, ClientOrderId exclude) {
        long total = 0;
        for (Order o : openOrders) {
            if (o.side() == side && !o.clientOrderId().equals(exclude)) {
                total = Math.addExact(total, o.quantity().raw() - o.filledQuantity().raw());
            }
        }
        return total;
    }

    /**
     * {@code true} if the order can only reduce the position: it is on the side opposite the position, and
     * it, together with the portfolio's other open orders on that side, does not exceed the position (so no
     * combination of fills can flip or grow it).
     *
     * @param openOrders the portfolio's open orders in the order's instrument
     */
    public static boolean reduces(OrderRequest request, Position position, List<Order> openOrders) {
        long held = position.quantity().raw();
        if (held == 0 || Long.signum(held) == request.side().sign()) {
            return false;
        }
        long closing = Math.addExact(request.quantity().raw(),
                openQuantity(openOrders, request.side(), request.clientOrderId()));
        return closing <= Math.abs(held);
    }

    /**
     * The position if the order and the portfolio's other open orders on its side all fill (the worst case
     * on that side), raw signed quantity.
     */
    public static long projectedPosition(OrderRequest request, Position position, List<Order> openOrders) {
        long sameSide = Math.addExact(request.quantity().raw(),
                openQuantity(openOrders, request.side(), request.clientOrderId()));
        return Math.addExact(position.quantity().raw(), request.side() == Side.BUY ? sameSide : -sameSide);
    }
}

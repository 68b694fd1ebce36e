package org.nautilus.api.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What a client asks the OMS to do: a new order. Validated on construction, so an invalid request never
 * reaches the OMS (a negative quantity, a LIMIT without a price, a GTD without an expire time...).
 *
 * @param clientOrderId the client's idempotency key
 * @param portfolioId   the portfolio the order trades for
 * @param instrumentId  what to trade
 * @param side          BUY or SELL
 * @param type          MARKET, LIMIT, STOP or STOP_LIMIT
 * @param quantity      positive quantity
 * @param limitPrice    the limit price for LIMIT and STOP_LIMIT, otherwise {@code null}
 * @param stopPrice     the trigger price for STOP and STOP_LIMIT, otherwise {@code null}
 * @param timeInForce   how long the order works
 * @param expireTime    when a GTD order expires, otherwise {@code null}
 * @param venueId       the venue to send it to, or {@code null} to let the smart order router choose
 * @param postOnly      a LIMIT order that must add liquidity: rejected rather than taking
 * @param reduceOnly    the order may only reduce the portfolio's position
 */
public record OrderRequest(ClientOrderId clientOrderId, PortfolioId portfolioId, InstrumentId instrumentId,
        Side side, OrderType type, Quantity quantity, Price limitPrice, Price stopPrice,
        TimeInForce timeInForce, Instant expireTime, VenueId venueId,
        boolean postOnly, boolean reduceOnly) {

    public OrderRequest {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(portfolioId, "portfolioId");
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(timeInForce, "timeInForce");
        if (!quantity.isPositive()) {
            throw new IllegalArgumentException("quantity must be positive, got " + quantity);
        }
        if (type.needsLimitPrice() != (limitPrice != null)) {
            throw new IllegalArgumentException(type.needsLimitPrice()
                    ? type + " order needs a limit price"
                    : type + " order must not have a limit price");
        }
        if (type.needsStopPrice() != (stopPrice != null)) {
            throw new IllegalArgumentException(type.needsStopPrice()
                    ? type + " order needs a stop price"
                    : type + " order must not have a stop price");
        }
        if (limitPrice != null && !limitPrice.isPositive()) {
            throw new IllegalArgumentException("limit price must be positive, got " + limitPrice);
        }
        if (stopPrice != null && !stopPrice.isPositive()) {
            throw new IllegalArgumentException("stop price must be positive, got " + stopPrice);
        }
        if ((timeInForce == TimeInForce.GTD) != (expireTime != null)) {
            throw new IllegalArgumentException(timeInForce == TimeInForce.GTD
                    ? "GTD order needs an expire time"
                    : "only a GTD order has an expire time");
        }
        if (postOnly && type != OrderType.LIMIT) {
            throw new IllegalArgumentException("post-only applies to LIMIT orders only, not " + type);
        }
        if (postOnly && (timeInForce == TimeInForce.IOC || timeInForce == TimeInForce.FOK)) {
            throw new IllegalArgumentException("a post-only order cannot be " + timeInForce);
        }
    }

    /** A DAY market order, routed by the smart order router. */
    public static OrderRequest market(ClientOrderId clientOrderId, PortfolioId portfolioId, InstrumentId instrumentId,
            Side side, Quantity quantity) {
        return new OrderRequest(clientOrderId, portfolioId, instrumentId, side, OrderType.MARKET, quantity,
                null, null, TimeInForce.DAY, null, null, false, false);
    }

    /** A DAY limit order, routed by the smart order router. */
    public static OrderRequest limit(ClientOrderId clientOrderId, PortfolioId portfolioId, InstrumentId instrumentId,
            Side side, Quantity quantity, Price limitPrice) {
        return new OrderRequest(clientOrderId, portfolioId, instrumentId, side, OrderType.LIMIT, quantity,
                limitPrice, null, TimeInForce.DAY, null, null, false, false);
    }

    public OrderRequest withVenue(VenueId venue) {
        return new OrderRequest(clientOrderId, portfolioId, instrumentId, side, type, quantity, limitPrice,
                stopPrice, timeInForce, expireTime, venue, postOnly, reduceOnly);
    }

    public OrderRequest withTimeInForce(TimeInForce tif, Instant expire) {
        return new OrderRequest(clientOrderId, portfolioId, instrumentId, side, type, quantity, limitPrice,
                stopPrice, tif, expire, venueId, postOnly, reduceOnly);
    }

    public OrderRequest withQuantity(Quantity newQuantity) {
        return new OrderRequest(clientOrderId, portfolioId, instrumentId, side, type, newQuantity, limitPrice,
                stopPrice, timeInForce, expireTime, venueId, postOnly, reduceOnly);
    }

    public OrderRequest withLimitPrice(Price newLimitPrice) {
        return new OrderRequest(clientOrderId, portfolioId, instrumentId, side, type, quantity, newLimitPrice,
                stopPrice, timeInForce, expireTime, venueId, postOnly, reduceOnly);
    }

    public OrderRequest withFlags(boolean newPostOnly, boolean newReduceOnly) {
        return new OrderRequest(clientOrderId, portfolioId, instrumentId, side, type, quantity, limitPrice,
                stopPrice, timeInForce, expireTime, venueId, newPostOnly, newReduceOnly);
    }
}

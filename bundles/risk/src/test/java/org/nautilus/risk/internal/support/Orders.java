package org.nautilus.risk.internal.support;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;

/** Order requests in trading language: {@code buy(1500, "AAPL")}, {@code sell(10, "MSFT").at("410.5")}. */
public final class Orders {

    public static final String DEFAULT_PORTFOLIO = "main";
    private static final AtomicLong IDS = new AtomicLong();

    private Orders() {
    }

    public static OrderRequest buy(long quantity, String symbol) {
        return market(DEFAULT_PORTFOLIO, Side.BUY, quantity, symbol);
    }

    public static OrderRequest sell(long quantity, String symbol) {
        return market(DEFAULT_PORTFOLIO, Side.SELL, quantity, symbol);
    }

    public static OrderRequest market(String portfolio, Side side, long quantity, String symbol) {
        return OrderRequest.market(nextId(), PortfolioId.of(portfolio), InstrumentId.of(symbol), side,
                Quantity.ofWhole(quantity));
    }

    public static OrderRequest limit(String portfolio, Side side, long quantity, String symbol, String price) {
        return OrderRequest.limit(nextId(), PortfolioId.of(portfolio), InstrumentId.of(symbol), side,
                Quantity.ofWhole(quantity), Price.of(price));
    }

    public static OrderRequest buyLimit(long quantity, String symbol, String price) {
        return limit(DEFAULT_PORTFOLIO, Side.BUY, quantity, symbol, price);
    }

    public static OrderRequest sellLimit(long quantity, String symbol, String price) {
        return limit(DEFAULT_PORTFOLIO, Side.SELL, quantity, symbol, price);
    }

    public static OrderRequest forPortfolio(OrderRequest request, String portfolio) {
        return new OrderRequest(request.clientOrderId(), PortfolioId.of(portfolio), request.instrumentId(),
                request.side(), request.type(), request.quantity(), request.limitPrice(), request.stopPrice(),
                request.timeInForce(), request.expireTime(), request.venueId(), request.postOnly(),
                request.reduceOnly());
    }

    public static ClientOrderId nextId() {
        return ClientOrderId.of("c-" + IDS.incrementAndGet());
    }

    public static Position position(String portfolio, String symbol, long quantity, String averagePrice, Instant at) {
        return new Position(PortfolioId.of(portfolio), InstrumentId.of(symbol), Quantity.ofWhole(quantity),
                Price.of(averagePrice), Money.ZERO, Money.ZERO, 1, at);
    }
}

package org.nautilus.itests;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.oms.RejectionCodes;
import org.nautilus.api.venue.BookLevel;
import org.nautilus.api.venue.Venue;

/**
 * Trading scenarios on instruments of the test's own: the test is the market data feed (its quotes become the
 * simulated venues' books, with no random walk moving them), and trades through the OMS service or the shell.
 */
public abstract class TradingScenarioSupport extends NautilusTestSupport {

    static final VenueId SIM = VenueId.of("SIM");
    static final VenueId SIMB = VenueId.of("SIMB");
    /** How long a venue may take to answer, a quote to reach the books, the risk engine to refresh. */
    static final Duration SOON = Duration.ofSeconds(30);

    protected OrderService orders() throws Exception {
        return service(OrderService.class, null);
    }

    protected MarketDataService marketData() throws Exception {
        return service(MarketDataService.class, null);
    }

    /** Defines an equity instrument (tick 0.01, lot 1) that only this test quotes. */
    protected InstrumentId instrument(String symbol) throws Exception {
        Instrument instrument = Instrument.equity(symbol, "USD");
        marketData().define(instrument);
        return instrument.id();
    }

    /**
     * Publishes a quote of {@code size} on each side and waits until venue SIM's book shows it (its market maker
     * rests {@code size} at the bid and the ask, more further out; the test's own resting orders may be better).
     */
    protected void quote(InstrumentId id, String bid, String ask, long size) throws Exception {
        quoteAt(id, bid, ask, size, Instant.now());
        Venue sim = service(Venue.class, "(" + Venue.ID_PROPERTY + "=SIM)");
        await("SIM's book of " + id + " at " + bid + " / " + ask, SOON, () -> sim.depth(id, 10).orElse(null),
                book -> book != null && shows(book.bids(), bid) && shows(book.asks(), ask));
    }

    /** Whether a level is at the price (the quote may have traded part of it against the test's resting orders). */
    private static boolean shows(List<BookLevel> levels, String price) {
        return levels.stream().anyMatch(l -> l.price().equals(Price.of(price)));
    }

    /** Publishes a quote stamped {@code at} (a past time builds bars of past intervals). */
    protected void quoteAt(InstrumentId id, String bid, String ask, long size, Instant at) throws Exception {
        marketData().publish(new Quote(id, Price.of(bid), Quantity.ofWhole(size), Price.of(ask), Quantity.ofWhole(size),
                at));
    }

    static OrderRequest order(String clientId, String portfolio, InstrumentId id, Side side, long quantity,
            OrderType type,
            String limit, String stop, TimeInForce tif) {
        return new OrderRequest(ClientOrderId.of(clientId), PortfolioId.of(portfolio), id, side, type,
                Quantity.ofWhole(quantity), limit == null ? null : Price.of(limit),
                stop == null ? null : Price.of(stop),
                tif, null, SIM, false, false);
    }

    static OrderRequest limit(String clientId, String portfolio, InstrumentId id, Side side, long quantity,
            String price) {
        return order(clientId, portfolio, id, side, quantity, OrderType.LIMIT, price, null, TimeInForce.GTC);
    }

    static OrderRequest market(String clientId, String portfolio, InstrumentId id, Side side, long quantity) {
        return order(clientId, portfolio, id, side, quantity, OrderType.MARKET, null, null, TimeInForce.GTC);
    }

    /** The order once it is in one of {@code statuses}. */
    protected Order awaitStatus(OrderId id, OrderStatus... statuses) throws Exception {
        OrderService service = orders();
        return awaitStatus(id.toString(), () -> service.order(id), statuses);
    }

    protected Order awaitStatus(ClientOrderId id, OrderStatus... statuses) throws Exception {
        OrderService service = orders();
        return awaitStatus(id.toString(), () -> service.order(id), statuses);
    }

    private static Order awaitStatus(String id, Callable<Optional<Order>> probe,
            OrderStatus... statuses) throws Exception {
        List<OrderStatus> wanted = Arrays.asList(statuses);
        return await("order " + id + " " + wanted, SOON, () -> probe.call().orElse(null),
                order -> order != null && wanted.contains(order.status()));
    }

    /** The stable code of a refused order (null for one that was not refused). */
    static String code(Order order) {
        return RejectionCodes.of(order).orElse(null);
    }

    /** The order id the shell printed first ("Order 42 (client-id) ..."). */
    static OrderId shownOrderId(String shell) {
        int start = shell.indexOf("Order ");
        if (start < 0) {
            throw new AssertionError("no order in: " + shell);
        }
        return OrderId.of(Long.parseLong(shell.substring(start + 6).split("\\s")[0]));
    }

    static Optional<Order> find(List<Order> orders, String clientId) {
        return orders.stream().filter(o -> o.clientOrderId().value().equals(clientId)).findFirst();
    }
}

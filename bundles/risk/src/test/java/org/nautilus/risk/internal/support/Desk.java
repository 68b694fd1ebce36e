package org.nautilus.risk.internal.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.risk.internal.engine.EngineConfig;
import org.nautilus.risk.internal.engine.RiskEngine;
import org.nautilus.risk.internal.engine.RuleChain;
import org.nautilus.testsupport.InMemoryPositions;
import org.nautilus.testsupport.MutableClock;

/**
 * A trading desk for scenario tests: the real risk core over an in-memory market, position keeper and a
 * hand-moved clock. {@code desk.equity("AAPL", "190")}, {@code desk.position("main", "AAPL", 100, "180")},
 * {@code desk.check(buy(1500, "AAPL"))}.
 */
public final class Desk {

    public static final Instant OPEN = Instant.parse("2025-03-03T14:30:00Z");

    public final MutableClock clock = new MutableClock(OPEN);
    public final FakeMarketData market;
    public final InMemoryPositions positions = new InMemoryPositions();
    public final RiskEngine core;
    private final AtomicLong orderIds = new AtomicLong();

    public Desk(RiskRule... rules) {
        this(EngineConfig.defaults(), rules);
    }

    public Desk(EngineConfig config, RiskRule... rules) {
        this(false, config, rules);
    }

    /**
     * A desk whose market reports mark changes, so the engine keeps its running valuation (the positions a test sets
     * are announced to it as a fill would be).
     */
    public static Desk running(EngineConfig config, RiskRule... rules) {
        return new Desk(true, config, rules);
    }

    private Desk(boolean running, EngineConfig config, RiskRule... rules) {
        market = running ? FakeMarketData.reportingMarks() : new FakeMarketData();
        core = new RiskEngine(new RuleChain(), market, positions, clock, config);
        for (RiskRule rule : rules) {
            core.chain().add(rule, null, 0);
        }
    }

    public static EngineConfig capital(String capital) {
        EngineConfig d = EngineConfig.defaults();
        return EngineConfig.of(capital, "UTC", "00:00", "0.95", d.varWindow(), d.varMinObservations(), 60_000,
                1 << 16, 1000, Map.of());
    }

    /** Defines a USD equity and gives it a mark (or none if {@code mark} is null). */
    public Desk equity(String symbol, String mark) {
        market.define(Instrument.equity(symbol, "USD"));
        if (mark != null) {
            market.mark(symbol, mark);
        }
        return this;
    }

    public Desk mark(String symbol, String price) {
        market.mark(symbol, price);
        return this;
    }

    public Desk position(String portfolio, String symbol, long quantity, String averagePrice) {
        return position(portfolio, symbol, quantity, averagePrice, "0");
    }

    public Desk position(String portfolio, String symbol, long quantity, String averagePrice, String realized) {
        positions.put(new Position(PortfolioId.of(portfolio), InstrumentId.of(symbol), Quantity.ofWhole(quantity),
                Price.of(averagePrice), Money.of(realized), Money.ZERO, 1, clock.instant()));
        core.positionChanged(PortfolioId.of(portfolio), InstrumentId.of(symbol));
        return this;
    }

    /** An order working at the venue (ACCEPTED), as the OMS would report it. */
    public Order working(OrderRequest request) {
        Order order = new Order(OrderId.of(orderIds.incrementAndGet()), request, OrderStatus.ACCEPTED,
                Quantity.ZERO, null, null, null, clock.instant(), clock.instant());
        core.onOrder(order);
        return order;
    }

    /** The OMS reporting an order change. */
    public Order report(Order order, OrderStatus status) {
        Order changed = new Order(order.id(), order.request(), status, order.filledQuantity(), order.averagePrice(),
                order.venueId(), null, order.createdAt(), clock.instant());
        core.onOrder(changed);
        return changed;
    }

    public RiskDecision check(OrderRequest request) {
        return core.check(request);
    }

    public RiskContext context() {
        return core.context();
    }

    public Desk advance(Duration d) {
        clock.advance(d);
        return this;
    }
}

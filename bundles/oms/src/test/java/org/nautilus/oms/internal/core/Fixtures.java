package org.nautilus.oms.internal.core;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.oms.OrderStepListener;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRuleInfo;
import org.nautilus.api.risk.RiskService;

/** Instruments, requests, a risk service and a recording listener for the OMS tests. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2024-03-01T14:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final PortfolioId MAIN = PortfolioId.of("main");
    static final InstrumentId AAPL = InstrumentId.of("AAPL");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");

    private Fixtures() {
    }

    static Function<InstrumentId, Optional<Instrument>> instruments() {
        Map<InstrumentId, Instrument> known = new ConcurrentHashMap<>();
        known.put(AAPL, new Instrument(AAPL, "USD", Price.of("0.01"), Quantity.ofWhole(1), Quantity.ofWhole(1),
                Quantity.ofWhole(10_000), Quantity.ofWhole(1)));
        known.put(BTC, new Instrument(BTC, "USD", Price.of("0.5"), Quantity.of("0.001"), Quantity.of("0.001"),
                Quantity.ofWhole(50), Quantity.ofWhole(1)));
        return id -> Optional.ofNullable(known.get(id));
    }

    static OrderRequest market(String clientId, Side side, long quantity) {
        return OrderRequest.market(ClientOrderId.of(clientId), MAIN, AAPL, side, Quantity.ofWhole(quantity));
    }

    static OrderRequest limit(String clientId, Side side, long quantity, String price) {
        return OrderRequest.limit(ClientOrderId.of(clientId), MAIN, AAPL, side, Quantity.ofWhole(quantity),
                Price.of(price));
    }

    /** Approves everything unless told to reject. */
    static class FakeRisk implements RiskService {
        volatile RiskDecision next = RiskDecision.approve();
        final List<OrderRequest> checked = new CopyOnWriteArrayList<>();

        @Override
        public RiskDecision check(OrderRequest request) {
            checked.add(request);
            return next;
        }

        @Override
        public List<RiskRuleInfo> rules() {
            return List.of();
        }

        /** What the amend and cancel checks answer (the throttles of plugins-risk). */
        volatile RiskDecision nextAmend = RiskDecision.approve();
        volatile RiskDecision nextCancel = RiskDecision.approve();

        @Override
        public RiskDecision checkAmend(Order order, OrderRequest amended) {
            return nextAmend;
        }

        @Override
        public RiskDecision checkCancel(Order order) {
            return nextCancel;
        }
    }

    /** Records every order change and fill it is told about, in order. */
    static final class Recorder implements OrderStepListener {
        final List<Order> orders = new CopyOnWriteArrayList<>();
        final List<Fill> fills = new CopyOnWriteArrayList<>();
        final List<String> sequence = new CopyOnWriteArrayList<>();

        @Override
        public void onOrder(Order order) {
            orders.add(order);
            sequence.add(order.id() + ":" + order.status());
        }

        @Override
        public void onFill(Fill fill) {
            fills.add(fill);
            sequence.add(fill.orderId() + ":fill " + fill.quantity() + "@" + fill.price());
        }
    }
}

package org.nautilus.strategy.internal.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.portfolio.PositionStore;
import org.nautilus.api.portfolio.PositionValuation;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRuleInfo;
import org.nautilus.api.risk.RiskService;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.portfolio.internal.core.PositionKeeper;
import org.nautilus.risk.internal.engine.RiskEngine;

/**
 * The platform services a backtest's strategy and cores see, each a thin view of the plain-Java core the OSGi
 * component of the same service wraps live: the OMS ({@link OrderManager}), the risk core, the position keeper
 * (with its positions in memory instead of the grid). The in-process benchmarks wire the same views.
 */
public final class EngineServices {

    private EngineServices() {
    }

    /** {@link OrderService} over the OMS core, as the OMS component offers it. */
    public record Orders(OrderManager oms) implements OrderService {
        @Override
        public Order submit(OrderRequest request) {
            return oms.submit(request);
        }

        @Override
        public List<Order> submit(OrderList list) {
            return oms.submit(list);
        }

        @Override
        public CommandResult amend(OrderId orderId, Quantity quantity, Price price) {
            return oms.amend(orderId, quantity, price);
        }

        @Override
        public CommandResult cancel(OrderId orderId) {
            return oms.cancel(orderId);
        }

        @Override
        public Optional<Order> order(OrderId orderId) {
            return oms.order(orderId);
        }

        @Override
        public Optional<Order> order(ClientOrderId clientOrderId) {
            return oms.order(clientOrderId);
        }

        @Override
        public List<Order> orders() {
            return oms.orders();
        }

        @Override
        public List<Fill> fills(OrderId orderId) {
            return oms.fills(orderId);
        }

        @Override
        public List<OrderEvent> events(OrderId orderId) {
            return oms.events(orderId);
        }
    }

    /** {@link RiskService} over the risk core. */
    public record Risk(RiskEngine core) implements RiskService {
        @Override
        public RiskDecision check(OrderRequest request) {
            return core.check(request);
        }

        @Override
        public List<RiskRuleInfo> rules() {
            return core.rules();
        }
    }

    /** {@link PositionService} over the position keeper, valued at the given marks. */
    public record Positions(PositionKeeper keeper, Function<InstrumentId, Optional<Price>> marks)
            implements PositionService {
        @Override
        public List<Position> positions() {
            return keeper.positions();
        }

        @Override
        public List<Position> positions(PortfolioId portfolio) {
            return keeper.positions(portfolio);
        }

        @Override
        public Optional<Position> position(PortfolioId portfolio, InstrumentId instrument) {
            return keeper.position(portfolio, instrument);
        }

        @Override
        public List<PositionValuation> valuations() {
            return PositionValuation.atMarks(keeper.positions(), marks);
        }

        @Override
        public List<PositionValuation> valuations(PortfolioId portfolio) {
            return PositionValuation.atMarks(keeper.positions(portfolio), marks);
        }
    }

    /** The position keeper's store in memory: a backtest keeps nothing after its run but its result files. */
    public static final class MemoryPositionStore implements PositionStore {
        private record Key(PortfolioId portfolio, InstrumentId instrument) {
        }

        private final Map<Key, Position> positions = new ConcurrentHashMap<>();

        @Override
        public void save(Position position) {
            positions.put(new Key(position.portfolioId(), position.instrumentId()), position);
        }

        @Override
        public Optional<Position> load(PortfolioId portfolio, InstrumentId instrument) {
            return Optional.ofNullable(positions.get(new Key(portfolio, instrument)));
        }

        @Override
        public List<Position> loadAll() {
            return new ArrayList<>(positions.values());
        }

        @Override
        public String description() {
            return "in memory (backtest)";
        }
    }
}

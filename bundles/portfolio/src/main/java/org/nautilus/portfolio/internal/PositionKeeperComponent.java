package org.nautilus.portfolio.internal;

import java.util.List;
import java.util.Optional;
import org.nautilus.api.cluster.ClusterService;
import org.nautilus.api.cluster.OmsLeadership;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderStepListener;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.portfolio.PositionStore;
import org.nautilus.api.portfolio.PositionValuation;
import org.nautilus.portfolio.internal.core.PositionKeeper;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The position keeper as OSGi services: {@link PositionService} for readers, and an {@link OrderStepListener} on
 * the OMS whiteboard through which it receives every fill. Positions are kept in the {@link PositionStore}
 * (the grid) and loaded from it on activation. Marks for unrealized P&amp;L come from the market data gateway
 * when it is there (without it, positions are valued without a mark).
 *
 * <p>It requires the {@link OmsLeadership}: like the OMS, it runs on the one node that holds it, and loads the
 * positions from the store when the leadership comes to this node (the store then holds everything the previous
 * node committed). Clients use the cluster-wide PositionService of the grid bundle: this keeper where it runs, the
 * store on the other nodes.
 */
@Component(service = {PositionService.class, OrderStepListener.class}, immediate = true, property = {
        "listener.name=position-keeper", ClusterService.LOCAL_PROPERTY + ":Boolean=true"})
public final class PositionKeeperComponent implements PositionService, OrderStepListener {

    private static final Logger LOG = LoggerFactory.getLogger(PositionKeeperComponent.class);

    private final PositionKeeper keeper;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile MarketDataService marketData;

    @Activate
    public PositionKeeperComponent(@Reference PositionStore store, @Reference OmsLeadership leadership) {
        this.keeper = new PositionKeeper(store);
        int loaded = keeper.load();
        LOG.info("position keeper started with {} position(s) from {}", loaded, store.description());
    }

    @Override
    public void onFill(Fill fill) {
        keeper.apply(fill);
    }

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
        return PositionValuation.atMarks(keeper.positions(), this::mark);
    }

    @Override
    public List<PositionValuation> valuations(PortfolioId portfolio) {
        return PositionValuation.atMarks(keeper.positions(portfolio), this::mark);
    }

    private Optional<Price> mark(InstrumentId instrument) {
        MarketDataService current = marketData;
        return current == null ? Optional.empty() : current.mark(instrument);
    }
}

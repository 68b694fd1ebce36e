package org.nautilus.strategy.internal.live;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.signal.SignalListener;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyInfo;
import org.nautilus.api.strategy.StrategyService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live strategies: every {@link Strategy} service, with the configuration its component got from
 * {@code etc/nautilus.strategy.<name>.cfg} (its service properties). One with {@code autostart = true} starts when it
 * appears; a removed one (its bundle stopped or uninstalled) is stopped first, its open orders canceled. Its own
 * order events come from the OMS once durable (this component is an {@link OrderEventSubscriber}); model
 * signals from the serving side (it is a {@link SignalListener} of every model, shadow batches included, and hands
 * each batch to the strategies whose {@code signals.model} names it, on their own threads).
 */
@Component(service = {StrategyService.class, OrderEventSubscriber.class,
        SignalListener.class}, immediate = true, property = SignalListener.SHADOW_PROPERTY + "=true")
public final class StrategyRuntimeComponent implements StrategyService, OrderEventSubscriber, SignalListener {

    private static final Logger LOG = LoggerFactory.getLogger(StrategyRuntimeComponent.class);

    private final OrderService orders;
    private final MarketDataService market;
    private final PositionService positions;
    private final Map<String, LiveStrategy> strategies = new ConcurrentHashMap<>();
    private volatile FactorService factors;
    private volatile boolean active;

    @Activate
    public StrategyRuntimeComponent(@Reference OrderService orders, @Reference MarketDataService market,
            @Reference PositionService positions) {
        this.orders = orders;
        this.market = market;
        this.positions = positions;
        // Dynamic references (the strategies) are bound after construction, so they find the component active.
        this.active = true;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindFactors(FactorService service) {
        factors = service;
    }

    void unbindFactors(FactorService service) {
        if (factors == service) {
            factors = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindStrategy(Strategy strategy, Map<String, Object> properties) {
        Object name = properties.get(Strategy.NAME_PROPERTY);
        if (!(name instanceof String n) || n.isBlank()) {
            LOG.warn("a Strategy service without {} is ignored: {}", Strategy.NAME_PROPERTY, strategy.getClass());
            return;
        }
        LiveStrategy live = new LiveStrategy(n, strategy, properties);
        LiveStrategy previous = strategies.put(n, live);
        if (previous != null) {
            previous.stop(false);
        }
        LOG.info("strategy {} registered: {}", n, strategy.description());
        if (active && live.autostart()) {
            autostart(live);
        }
    }

    void unbindStrategy(Strategy strategy, Map<String, Object> properties) {
        Object name = properties.get(Strategy.NAME_PROPERTY);
        LiveStrategy live = name == null ? null : strategies.get(name);
        if (live != null && live.strategy == strategy) {
            strategies.remove(name, live);
            StrategyInfo info = live.stop(live.info().parameters().flag("flatten.on.stop", false));
            LOG.info("strategy {} removed: {} orders, {} fills", name, info.orders(), info.fills());
        }
    }

    @Deactivate
    void deactivate() {
        active = false;
        strategies.values().forEach(s -> s.stop(false));
    }

    private void autostart(LiveStrategy live) {
        try {
            start(live);
        } catch (RuntimeException e) {
            LOG.error("strategy {} could not start: {}", live.name, e.getMessage());
        }
    }

    private StrategyInfo start(LiveStrategy live) {
        return live.start(orders, market, positions, () -> Optional.ofNullable(factors));
    }

    @Override
    public List<StrategyInfo> strategies() {
        return strategies.values().stream().map(LiveStrategy::info).sorted(Comparator.comparing(StrategyInfo::name))
                .toList();
    }

    @Override
    public Optional<StrategyInfo> strategy(String name) {
        return Optional.ofNullable(strategies.get(name)).map(LiveStrategy::info);
    }

    @Override
    public StrategyInfo start(String name) {
        return start(known(name));
    }

    @Override
    public StrategyInfo stop(String name, boolean flatten) {
        return known(name).stop(flatten);
    }

    private LiveStrategy known(String name) {
        LiveStrategy live = strategies.get(name);
        if (live == null) {
            throw new IllegalArgumentException("unknown strategy '" + name + "'; registered: "
                    + strategies.keySet().stream().sorted().toList());
        }
        return live;
    }

    @Override
    public void onEvent(OrderEvent event) {
        for (LiveStrategy live : strategies.values()) {
            live.onEvent(event);
        }
    }

    /** The serving thread: only hands the batch over (each strategy's thread delivers it). */
    @Override
    public void onSignals(SignalBatch batch) {
        for (LiveStrategy live : strategies.values()) {
            live.onSignals(batch);
        }
    }

    @Override
    public void onDropped(String why) {
        LOG.error("strategies no longer receive order events: {}", why);
    }
}

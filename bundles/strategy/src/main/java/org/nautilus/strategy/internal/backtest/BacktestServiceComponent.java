package org.nautilus.strategy.internal.backtest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.tracking.ModelRegistry;
import org.nautilus.api.routes.MarketDataFiles;
import org.nautilus.api.strategy.BacktestResult;
import org.nautilus.api.strategy.BacktestService;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.api.strategy.Strategy;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backtests of the registered strategies (the very {@link Strategy} services the live runtime runs), data paths
 * relative to the Karaf home, results under {@code data/backtests/}.
 */
@Component(service = BacktestService.class)
public final class BacktestServiceComponent implements BacktestService {

    private static final Logger LOG = LoggerFactory.getLogger(BacktestServiceComponent.class);

    /** A registered strategy and the version of the bundle that provides it. */
    private record Registered(Strategy strategy, String version) {
    }

    private final BacktestRunner runner;
    private final Map<String, Registered> strategies = new ConcurrentHashMap<>();
    /** The research side, when installed: factors over the backtest's bars, model signals scored on them. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile FactorService factors;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ModelRegistry models;

    /** The factor store, when installed: a spec's {@code data.N.store} bars and {@code store.factors} values. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile FactorStore store;

    @Activate
    public BacktestServiceComponent(@Reference MarketDataFiles files) {
        Path home = Path.of(System.getProperty("karaf.home", "."));
        Path data = Path.of(System.getProperty("karaf.data", home.resolve("data").toString()));
        this.runner = new BacktestRunner(files, home, data.resolve("backtests"));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindStrategy(Strategy strategy, ServiceReference<Strategy> reference) {
        Object name = reference.getProperty(Strategy.NAME_PROPERTY);
        if (name instanceof String n) {
            strategies.put(n, new Registered(strategy, reference.getBundle() == null ? "unknown"
                    : reference.getBundle().getSymbolicName() + " " + reference.getBundle().getVersion()));
        }
    }

    void unbindStrategy(Strategy strategy, ServiceReference<Strategy> reference) {
        Object name = reference.getProperty(Strategy.NAME_PROPERTY);
        if (name != null) {
            strategies.computeIfPresent((String) name, (k, r) -> r.strategy() == strategy ? null : r);
        }
    }

    @Override
    public BacktestResult run(BacktestSpec spec, Consumer<String> progress) {
        Registered registered = strategies.get(spec.strategy());
        if (registered == null) {
            throw new IllegalArgumentException("unknown strategy '" + spec.strategy() + "'; registered: "
                    + strategies.keySet().stream().sorted().toList());
        }
        BacktestResult result = runner.run(spec, registered.strategy(), registered.version(),
                new BacktestEngine.Research(factors, models, store), progress);
        LOG.info("backtest {}: {} events, {} orders, {} fills, total return {}, digest {}", result.runId(),
                result.events(), result.orders(), result.fills(), result.metrics().totalReturn(), result.digest());
        return result;
    }

    @Override
    public List<BacktestResult> backtests() {
        return runner.list();
    }

    @Override
    public Optional<BacktestResult> backtest(String runId) {
        return runner.list().stream().filter(r -> r.runId().equals(runId)).findFirst();
    }
}

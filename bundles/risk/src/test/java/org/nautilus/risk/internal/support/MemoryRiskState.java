package org.nautilus.risk.internal.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.api.store.DailyPnlBaseline;
import org.nautilus.api.store.RiskStateStore;

/**
 * The risk state a store keeps, in memory: outlives the engines a test starts over it, as the grid's store outlives
 * a restarted node (IgniteTradingStoreTest proves the real one durable). Counts saves; can be made to fail.
 */
public final class MemoryRiskState implements RiskStateStore {

    private final Map<PortfolioId, DailyPnlBaseline> baselines = new ConcurrentHashMap<>();
    private final Map<String, TradingStatus> statuses = new ConcurrentHashMap<>();
    public volatile boolean failing;
    public volatile int baselineSaves;

    @Override
    public void save(TradingStatus status) {
        statuses.put(status.isGlobal() ? "" : status.portfolio().value(), status);
    }

    @Override
    public List<TradingStatus> tradingStatuses() {
        return new ArrayList<>(statuses.values());
    }

    @Override
    public void save(DailyPnlBaseline baseline) {
        if (failing) {
            throw new IllegalStateException("store unavailable");
        }
        baselines.put(baseline.portfolio(), baseline);
        baselineSaves++;
    }

    @Override
    public Optional<DailyPnlBaseline> dailyPnlBaseline(PortfolioId portfolio) {
        if (failing) {
            throw new IllegalStateException("store unavailable");
        }
        return Optional.ofNullable(baselines.get(portfolio));
    }

    @Override
    public List<DailyPnlBaseline> dailyPnlBaselines() {
        return new ArrayList<>(baselines.values());
    }
}

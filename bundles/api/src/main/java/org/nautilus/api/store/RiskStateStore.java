package org.nautilus.api.store;

import java.util.List;
import java.util.Optional;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.risk.TradingStatus;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable risk state: the trading states of the kill switch and the daily P&amp;L baselines. A save is durable
 * when it returns (or, inside a unit of work of the same provider's {@link TradingStore}, with that unit), and
 * every save is written to the audit journal as a RISK entry.
 */
@ProviderType
public interface RiskStateStore {

    /** Saves the global ({@code portfolio == null}) or a portfolio's trading state, replacing the previous one. */
    void save(TradingStatus status);

    /** The saved trading states: the global one first (if saved), then by portfolio. */
    List<TradingStatus> tradingStatuses();

    /** Saves a portfolio's baseline, replacing the previous one. */
    void save(DailyPnlBaseline baseline);

    Optional<DailyPnlBaseline> dailyPnlBaseline(PortfolioId portfolio);

    /** Every saved baseline, by portfolio. */
    List<DailyPnlBaseline> dailyPnlBaselines();
}

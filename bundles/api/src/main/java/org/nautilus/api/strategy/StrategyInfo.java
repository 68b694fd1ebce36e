package org.nautilus.api.strategy;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;

/**
 * A live strategy as {@code nautilus:strategies} shows it.
 *
 * @param name        its {@value Strategy#NAME_PROPERTY}
 * @param description what it does
 * @param state       where it stands
 * @param portfolio   the portfolio it trades for
 * @param instruments the instruments it receives data for
 * @param parameters  its configuration
 * @param events      market data, factor and timer events delivered since it started
 * @param orders      orders it submitted since it started
 * @param fills       fills of its orders since it started
 * @param since       when it entered its state, or {@code null}
 * @param lastError   why it failed, or {@code null}
 */
public record StrategyInfo(String name, String description, StrategyState state, PortfolioId portfolio,
        Set<InstrumentId> instruments, StrategyParameters parameters, long events, long orders,
        long fills, Instant since, String lastError) {

    public StrategyInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        instruments = Set.copyOf(instruments);
    }
}

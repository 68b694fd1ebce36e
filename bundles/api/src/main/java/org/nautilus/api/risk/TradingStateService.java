package org.nautilus.api.risk;

import java.util.List;
import org.nautilus.api.domain.PortfolioId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The kill switch: sets and shows the trading state (ACTIVE / REDUCING / HALTED), globally and per
 * portfolio; a HALT cancels the open orders in its scope (configurable). A change applies to the next order checked and is kept in the configuration
 * ({@code etc/nautilus.risk.kill_switch.cfg}), so a restart does not resume trading by accident.
 */
@ProviderType
public interface TradingStateService {

    /** The global state. */
    TradingStatus global();

    /** The effective state of a portfolio: the more restrictive of the global state and its own. */
    TradingStatus status(PortfolioId portfolio);

    /** The global state first, then every portfolio with a state of its own, by portfolio. */
    List<TradingStatus> statuses();

    /** Sets the global state. */
    TradingStatus setGlobal(TradingState state, String reason);

    /** Sets a portfolio's own state; {@link TradingState#ACTIVE} removes its override. */
    TradingStatus set(PortfolioId portfolio, TradingState state, String reason);

    /**
     * Sets the global ({@code portfolio == null}) or a portfolio's state and says what it did: a HALT also cancels
     * the open orders in its scope (when the kill switch is configured to, the default) and returns once the OMS
     * has answered each cancel. {@link #setGlobal} and {@link #set} cancel the same orders without waiting. Do
     * not call it from an OMS thread (an order or fill callback): use {@link #set} there.
     *
     * @since 1.2
     */
    default TradingStateOutcome change(PortfolioId portfolio, TradingState state, String reason) {
        return new TradingStateOutcome(portfolio == null ? setGlobal(state, reason) : set(portfolio, state, reason),
                0, 0);
    }
}

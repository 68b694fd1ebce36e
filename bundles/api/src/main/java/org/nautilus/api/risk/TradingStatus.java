package org.nautilus.api.risk;

import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.PortfolioId;

/**
 * The trading state of the whole platform or of one portfolio.
 *
 * @param portfolio the portfolio, or {@code null} for the global state
 * @param state     the state
 * @param reason    why it was set (free text, e.g. "daily loss review"), never {@code null}
 * @param since     when it was set
 */
public record TradingStatus(PortfolioId portfolio, TradingState state, String reason, Instant since) {

    public TradingStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }

    public boolean isGlobal() {
        return portfolio == null;
    }

    /** {@code global HALTED since ... (reason)} or {@code alpha REDUCING since ... (reason)}. */
    public String describe() {
        return (portfolio == null ? "global" : portfolio.value()) + " " + state + " since " + since
                + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}

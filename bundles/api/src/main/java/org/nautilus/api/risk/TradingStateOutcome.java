package org.nautilus.api.risk;

import java.util.Objects;

/**
 * What a change of trading state did: the state now in force and, for a HALT, the open orders the kill switch
 * canceled with it.
 *
 * @param status   the state set
 * @param canceled open orders whose cancel the OMS accepted
 * @param refused  open orders whose cancel the OMS refused (e.g. the venue is gone: see the log)
 * @since 1.2
 */
public record TradingStateOutcome(TradingStatus status, int canceled, int refused) {

    public TradingStateOutcome {
        Objects.requireNonNull(status, "status");
        if (canceled < 0 || refused < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** {@code global HALTED since ... (reason); canceled 3 open orders}. */
    public String describe() {
        if (canceled == 0 && refused == 0) {
            return status.describe() + (status.state() == TradingState.HALTED ? "; no open order to cancel" : "");
        }
        return status.describe() + "; canceled " + canceled + " open order" + (canceled == 1 ? "" : "s")
                + (refused == 0 ? "" : ", " + refused + " cancel" + (refused == 1 ? "" : "s") + " refused");
    }
}

package org.nautilus.api.risk;

import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.OrderRequest;

/**
 * An order the risk engine approved, and when: the history the rate throttle and the duplicate-order check
 * look at.
 *
 * @param request the approved request
 * @param at      when it was approved
 */
public record SubmittedOrder(OrderRequest request, Instant at) {

    public SubmittedOrder {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(at, "at");
    }
}

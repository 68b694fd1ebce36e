package org.nautilus.risk.rule.duplicateorder.internal;

import java.time.Duration;
import java.util.Optional;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.SubmittedOrder;
import org.nautilus.risk.support.ConfiguredRule;
import org.nautilus.risk.support.Durations;
import org.nautilus.risk.support.Numbers;

/**
 * Duplicate-order check: denies an order identical (instrument, side, type, quantity, limit and stop price)
 * to one the same portfolio submitted under another client order id within the window — the double click,
 * the retried script. A repeat with the same client order id is not a duplicate: the OMS answers it with the
 * existing order.
 * Configuration: {@code window.ms}.
 */
public final class DuplicateOrderRule extends ConfiguredRule<DuplicateOrderRule.Limits> {

    public static final String NAME = "duplicate-order";
    public static final String CODE = "DUPLICATE_ORDER";

    /** @param window how long after an order an identical one counts as a duplicate */
    public record Limits(Duration window) {

        public static Limits of(long windowMs) {
            return new Limits(Durations.parseMillis("window.ms", windowMs));
        }
    }

    public DuplicateOrderRule() {
        super(NAME);
    }

    public DuplicateOrderRule(Limits limits) {
        super(NAME, limits);
    }

    @Override
    protected RiskDecision check(OrderRequest request, RiskContext context, Limits limits) {
        var now = context.now();
        Optional<SubmittedOrder> duplicate = context.recentIdentical(request, now.minus(limits.window()));
        if (duplicate.isEmpty()) {
            return RiskDecision.approve();
        }
        SubmittedOrder previous = duplicate.get();
        long ago = Math.max(0, Duration.between(previous.at(), now).toMillis());
        return reject(CODE, "same as order " + previous.request().clientOrderId() + " submitted " + ago + " ms ago: "
                + request.side() + " " + Numbers.format(request.quantity().raw()) + " "
                + request.instrumentId() + " " + request.type()
                + (request.limitPrice() != null ? " " + request.limitPrice() : "")
                + (request.stopPrice() != null ? " stop " + request.stopPrice() : "")
                + " (duplicate window " + Durations.format(limits.window()) + ")");
    }

    @Override
    protected String describe(Limits limits) {
        return "identical orders within " + Durations.format(limits.window()) + " are duplicates";
    }
}

package org.nautilus.oms.internal.core;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.risk.RiskDecision;

/**
 * Checks a new order against its instrument's trading rules before pre-trade risk sees it: the symbol is
 * known, the quantity is a whole number of lots within the instrument's min/max, prices are on the tick and a
 * GTD order expires in the future. A failure is a value carrying a stable code (the order is DENIED with it).
 */
public final class OrderValidator {

    /** The name the validation failures carry, in the place of a risk rule's name. */
    public static final String NAME = "order-validation";

    private final Function<InstrumentId, Optional<Instrument>> instruments;

    public OrderValidator(Function<InstrumentId, Optional<Instrument>> instruments) {
        this.instruments = instruments;
    }

    public RiskDecision validate(OrderRequest request, Instant now) {
        Optional<Instrument> found = instruments.apply(request.instrumentId());
        if (found.isEmpty()) {
            return reject("UNKNOWN_INSTRUMENT", "unknown instrument " + request.instrumentId()
                    + " (define it in the market data gateway first)");
        }
        Instrument instrument = found.get();
        if (!request.quantity().isMultipleOf(instrument.lotSize())) {
            return reject("LOT_SIZE", "quantity " + request.quantity() + " is not a multiple of the lot size "
                    + instrument.lotSize() + " of " + instrument.id());
        }
        if (request.quantity().compareTo(instrument.minQuantity()) < 0) {
            return reject("MIN_QUANTITY", "quantity " + request.quantity() + " is below the minimum "
                    + instrument.minQuantity() + " of " + instrument.id());
        }
        if (request.quantity().compareTo(instrument.maxQuantity()) > 0) {
            return reject("MAX_QUANTITY", "quantity " + request.quantity() + " is above the maximum "
                    + instrument.maxQuantity() + " of " + instrument.id());
        }
        RiskDecision tick = checkTick("limit", request.limitPrice(), instrument);
        if (!tick.approved()) {
            return tick;
        }
        tick = checkTick("stop", request.stopPrice(), instrument);
        if (!tick.approved()) {
            return tick;
        }
        if (request.timeInForce() == TimeInForce.GTD && !request.expireTime().isAfter(now)) {
            return reject("EXPIRE_TIME", "GTD expire time " + request.expireTime() + " is not after now (" + now + ")");
        }
        return RiskDecision.approve();
    }

    /** Checks an amended price/quantity the same way as a new order's. */
    public RiskDecision validateAmend(OrderRequest amended, Instant now) {
        return validate(amended, now);
    }

    private static RiskDecision checkTick(String which, Price price, Instrument instrument) {
        if (price != null && !price.isMultipleOf(instrument.tickSize())) {
            return reject("TICK_SIZE", which + " price " + price + " is not a multiple of the tick size "
                    + instrument.tickSize() + " of " + instrument.id());
        }
        return RiskDecision.approve();
    }

    private static RiskDecision reject(String code, String message) {
        return RiskDecision.reject(NAME, code, message);
    }
}

package org.nautilus.api.venue;

import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Quantity;

/**
 * A position the venue (broker account) holds, as a reconciliation query sees it.
 *
 * @param instrumentId the instrument
 * @param quantity     signed: negative when short
 * @since 1.3
 */
public record VenuePosition(InstrumentId instrumentId, Quantity quantity) {

    public VenuePosition {
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(quantity, "quantity");
    }
}

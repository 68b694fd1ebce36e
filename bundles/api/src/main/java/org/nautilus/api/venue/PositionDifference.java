package org.nautilus.api.venue;

import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Quantity;

/**
 * A position on which the venue and the OMS disagree.
 *
 * @param instrumentId the instrument
 * @param venue        the position the venue reports (signed)
 * @param expected     the position the OMS expects there: its fills at this venue, plus any difference accepted
 *                     earlier by an acknowledgement
 * @since 1.3
 */
public record PositionDifference(InstrumentId instrumentId, Quantity venue, Quantity expected) {

    public PositionDifference {
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(expected, "expected");
    }

    /** venue − expected. */
    public Quantity difference() {
        return venue.minus(expected);
    }
}

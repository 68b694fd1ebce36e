package org.nautilus.routes.internal.component;

import java.util.Set;
import org.nautilus.api.domain.InstrumentId;

/**
 * Sent by a replay after its last event: {@code nautilus:marketdata} then closes the open time bars of these
 * instruments, since no more ticks will come for them.
 *
 * @param instruments the instruments the feed carried
 */
public record EndOfStream(Set<InstrumentId> instruments) {

    public EndOfStream {
        instruments = Set.copyOf(instruments);
    }
}

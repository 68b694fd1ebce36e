package org.nautilus.api.research.store;

import java.util.Objects;
import java.util.Set;
import org.nautilus.api.domain.InstrumentId;

/**
 * What to backfill.
 *
 * @param libraries   factor library names; empty for every library
 * @param instruments instruments; empty for every one with historical bars
 * @param range       the bars and values written (the computation still reads the whole series before it, so
 *                    the values equal those of a run from the first bar)
 */
public record BackfillRequest(Set<String> libraries, Set<InstrumentId> instruments, TimeRange range) {

    public BackfillRequest {
        libraries = Set.copyOf(libraries);
        instruments = Set.copyOf(instruments);
        Objects.requireNonNull(range, "range");
    }
}

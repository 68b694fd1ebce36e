package org.nautilus.api.research.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.nautilus.api.domain.InstrumentId;

/**
 * What a backfill did.
 *
 * @param libraries   the libraries computed
 * @param instruments instruments written
 * @param bars        bars written
 * @param values      factor values written
 * @param elapsed     how long it took
 * @param failures    instruments that could not be backfilled, with why
 */
public record BackfillResult(List<String> libraries, int instruments, long bars, long values, Duration elapsed,
        Map<InstrumentId, String> failures) {

    public BackfillResult {
        libraries = List.copyOf(libraries);
        failures = Map.copyOf(failures);
    }
}

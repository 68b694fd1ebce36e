package org.nautilus.api.research.store;

import java.time.Duration;
import org.nautilus.api.domain.InstrumentId;

/**
 * Where a backfill stands after an instrument.
 *
 * @param instrument      the instrument just done
 * @param instrumentsDone instruments done so far (this one included)
 * @param instruments     instruments in the backfill
 * @param bars            bars written so far
 * @param values          factor values written so far
 * @param elapsed         time since the backfill started
 * @param failure         why this instrument failed, or {@code null}
 */
public record BackfillProgress(InstrumentId instrument, int instrumentsDone, int instruments, long bars, long values,
        Duration elapsed, String failure) {

    /** Values written per second so far. */
    public double valuesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : values / seconds;
    }
}

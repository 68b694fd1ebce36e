package org.nautilus.api.research.store;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Computes factor libraries over historical bars, with the very code the live feature engine runs (a batch over
 * each instrument's whole series, bit-identical to the streaming values), and writes the bars and the values into
 * the {@link FactorStore}, replacing what it had for the range.
 */
@ProviderType
public interface FactorBackfill {

    /** The instruments with historical bars to backfill from, sorted. */
    List<InstrumentId> instruments();

    /** The factor libraries it can compute, sorted. */
    List<String> libraries();

    /**
     * Backfills, one instrument at a time, telling {@code progress} after each. An instrument whose bars cannot be
     * read is reported in the result and the others go on.
     *
     * @throws IllegalArgumentException for an unknown library or instrument (nothing is written)
     */
    BackfillResult backfill(BackfillRequest request, Consumer<BackfillProgress> progress);

    /**
     * Loads a CSV file of fundamentals ({@code instrument,period_end,published,field,value}, restatements as
     * further rows) into the store; all or nothing.
     *
     * @param instrument whose figures they are if the file has no instrument column, else {@code null}
     * @return rows loaded
     * @throws IllegalArgumentException if the file cannot be read or a row is malformed (with its line)
     */
    int loadFundamentals(Path file, InstrumentId instrument);
}

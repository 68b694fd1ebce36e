package org.nautilus.api.research.data;

import java.nio.file.Path;
import java.util.List;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads bar files as they are, checks them, and adjusts bar series for corporate actions. Nothing here changes a
 * file: a check reports, a load refuses (or, when told, skips and counts) rows that cannot be bars, and an
 * adjustment returns new bars.
 *
 * <p>Bad input (a missing file, an unreadable row, an unknown column) is an {@link IllegalArgumentException}
 * naming the file and line.
 */
@ProviderType
public interface BarData {

    /** The rows of a bar file, in file order, each with its {@code file:line}. */
    List<BarRow> read(Path file, BarFormat format, InstrumentId instrument);

    /** Checks rows (of one instrument, in their order) by the rules; reports every issue, changes nothing. */
    DataCheckReport check(String source, List<BarRow> rows, CheckRules rules);

    /**
     * Reads, checks and turns the rows into bars of {@code rules.interval()}.
     *
     * @param skipErrors whether rows with an error are left out (counted in {@link LoadedBars#skipped()}) rather
     *                   than refusing the file
     * @throws IllegalArgumentException if a row has an error and {@code skipErrors} is false: the first errors and
     *                                  the report's summary
     */
    LoadedBars load(Path file, BarFormat format, InstrumentId instrument, CheckRules rules, boolean skipErrors);

    /**
     * Reads a corporate-actions CSV: {@code instrument,ex_date,kind,value} with kind {@code split} (value new shares
     * per old) or {@code dividend} (cash per share), any order of rows.
     */
    List<CorporateAction> readCorporateActions(Path file);

    /**
     * The back-adjusted view of one instrument's bars (oldest first): the latest bars stay as they are and earlier
     * ones are scaled so that returns across an ex-date show no jump from the action. Actions of other
     * instruments are ignored. The bars given are not changed.
     */
    List<Bar> adjust(List<Bar> bars, List<CorporateAction> actions);
}

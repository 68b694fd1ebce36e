package org.nautilus.api.research.data;

import java.nio.file.Path;
import java.util.List;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.store.Fundamental;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads research data files (bars, corporate actions, fundamentals, news), checks bars, and adjusts bar series for
 * corporate actions. Nothing here changes a
 * file: a check reports, a load refuses (or, when told, skips and counts) rows that cannot be bars, and an
 * adjustment returns new bars.
 *
 * <p>Bad input (a missing file, an unreadable row, an unknown column) is an {@link IllegalArgumentException}
 * naming the file and line.
 */
@ProviderType
public interface DataFiles {

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

    /**
     * Reads fundamentals from a CSV file ({@code instrument,period_end,published,field,value}, restatements as
     * further rows), all or nothing.
     *
     * @param instrument whose figures they are if the file has no instrument column, else {@code null}
     */
    List<Fundamental> readFundamentals(Path file, InstrumentId instrument);

    /**
     * Reads news items from JSON lines, one object per line:
     * {@code {"time":"2025-01-06T14:05:00Z","instruments":["ACME"],"source":"wire","text":"ACME beats estimates"}}
     * ({@code instrument}, a single name, may stand for {@code instruments}); all or nothing.
     */
    List<NewsItem> readNews(Path file);
}

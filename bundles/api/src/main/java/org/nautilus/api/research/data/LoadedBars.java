package org.nautilus.api.research.data;

import java.util.List;
import java.util.Objects;
import org.nautilus.api.marketdata.Bar;

/**
 * Bars read and checked: the rows that are bars, and the report of everything found (skipped rows included).
 *
 * @param bars    the rows that are valid bars, oldest first
 * @param report  every issue, with its row
 * @param skipped rows left out because of an {@link DataIssue.Kind#isError() error} (only when the load was told
 *                to skip them)
 */
public record LoadedBars(List<Bar> bars, DataCheckReport report, int skipped) {

    public LoadedBars {
        bars = List.copyOf(bars);
        Objects.requireNonNull(report, "report");
    }
}

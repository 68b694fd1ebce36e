package org.nautilus.research.internal.dataset;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.research.internal.expression.BarColumns;

/**
 * One instrument's daily history, the input of a panel.
 *
 * @param instrument the instrument
 * @param dates      per bar, its trading date, strictly ascending
 * @param bars       the bars as columns
 * @param columns    further named per-bar columns a feature may take as is (a generated universe's planted
 *                   factors, {@code planted_1}, …); empty for market data
 */
public record InstrumentHistory(InstrumentId instrument, LocalDate[] dates, BarColumns bars,
        Map<String, double[]> columns) {

    public InstrumentHistory {
        Objects.requireNonNull(instrument, "instrument");
        if (dates.length != bars.rows()) {
            throw new IllegalArgumentException(
                    instrument + ": " + dates.length + " dates for " + bars.rows() + " bars");
        }
        for (int i = 1; i < dates.length; i++) {
            if (!dates[i].isAfter(dates[i - 1])) {
                throw new IllegalArgumentException(instrument + ": dates not ascending at " + dates[i]);
            }
        }
        columns = Map.copyOf(columns);
        for (Map.Entry<String, double[]> column : columns.entrySet()) {
            if (column.getValue().length != dates.length) {
                throw new IllegalArgumentException(instrument + ": column " + column.getKey() + " has "
                        + column.getValue().length + " values for " + dates.length + " bars");
            }
        }
    }
}

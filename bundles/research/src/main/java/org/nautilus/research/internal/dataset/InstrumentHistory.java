package org.nautilus.research.internal.dataset;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.PointInTimeFields;

/**
 * One instrument's daily history, the input of a panel.
 *
 * @param instrument the instrument
 * @param dates      per bar, its trading date, strictly ascending
 * @param bars       the bars as columns
 * @param columns    further named per-bar columns a feature may take as is (a generated universe's planted
 *                   factors, {@code planted_1}, …); empty for market data
 * @param data       the point-in-time data fields ({@code $eps}, {@code $sentiment}, …) over these bars, as the
 *                   feature engine and the backfill read them
 */
public record InstrumentHistory(InstrumentId instrument, LocalDate[] dates, BarColumns bars,
        Map<String, double[]> columns, DataFields data) {

    /**
     * Where an expression's point-in-time data fields come from for this history: their columns, one value per bar
     * ({@link PointInTimeFields#columns}, what a stream reads bar by bar).
     */
    @FunctionalInterface
    public interface DataFields {

        /** No fundamentals and no sentiment: every data field reads NaN. */
        DataFields NONE = fields -> null;

        /**
         * @param fields the program's data fields, in slot order
         * @return {@code columns[slot][bar]}, or {@code null} for NaN everywhere
         */
        double[][] columns(List<Expression> fields);
    }

    /** A history without point-in-time data (its data fields read NaN). */
    public InstrumentHistory(InstrumentId instrument, LocalDate[] dates, BarColumns bars,
            Map<String, double[]> columns) {
        this(instrument, dates, bars, columns, DataFields.NONE);
    }

    public InstrumentHistory {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(data, "data");
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

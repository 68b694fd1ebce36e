package org.nautilus.api.research.evaluation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One date's cross-sectional correlations between score and label.
 *
 * @param date   the feature date
 * @param count  instruments with both a score and a label that date
 * @param ic     Pearson correlation (NaN when undefined: fewer than 2 values or a constant side)
 * @param rankIc Spearman correlation, average ranks for ties (NaN when undefined)
 */
public record DailyIc(LocalDate date, int count, double ic, double rankIc) {
    public DailyIc {
        Objects.requireNonNull(date, "date");
    }
}

package org.nautilus.api.research.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Pattern;
import org.nautilus.api.domain.InstrumentId;

/**
 * One published figure of a company's statements, one row of a bitemporal history: what {@code field} was for the
 * period ending {@code periodEnd}, as published at {@code published}. A restatement is a new row for the same
 * instrument, field and period with a later {@code published} time; earlier rows stay, so a read "as of" a moment
 * before the restatement still sees the original figure.
 *
 * @param instrument the company's instrument
 * @param field      what the figure is, e.g. {@code eps}, {@code revenue}, {@code book_value}: letters, digits and
 *                   {@code _}
 * @param periodEnd  the last day of the fiscal period it describes
 * @param published  when it became public (known from then on); not before the period's end
 * @param value      the figure (a research value: double, in the statement's units)
 */
public record Fundamental(InstrumentId instrument, String field, LocalDate periodEnd, Instant published, double value) {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Fundamental {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(published, "published");
        if (!FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException(
                    "'" + field + "' is not a fundamental field name: letters, digits and _");
        }
        if (published.isBefore(periodEnd.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            throw new IllegalArgumentException(field + " of " + instrument + " for the period ending " + periodEnd
                    + " published at " + published + ", before the period ended");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " of " + instrument + " for " + periodEnd + " is not a number: "
                    + value);
        }
    }
}

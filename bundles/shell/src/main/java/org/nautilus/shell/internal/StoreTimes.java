package org.nautilus.shell.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.nautilus.api.research.store.TimeRange;

/** How the factor store commands read dates and moments: one place, so they all read them the same way. */
final class StoreTimes {

    private StoreTimes() {
    }

    /** A day ({@code 2013-06-28}) or {@code null}. */
    static LocalDate day(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a date such as 2013-06-28");
        }
    }

    /**
     * A moment: an instant ({@code 2013-06-28T16:00:00Z}) or a day, meaning its end (the next midnight UTC, when
     * that day's daily bar has closed); {@code null} for "everything known now".
     */
    static Instant moment(String option, String text) {
        if (text == null) {
            return Instant.now();
        }
        return TimeRange.moment(option, text);
    }
}

package org.nautilus.api.research.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;

/**
 * A split or a cash dividend, effective from its ex-date: bars starting before that date are adjusted by it.
 *
 * @param instrument whose shares
 * @param exDate     the first day the shares trade without it (the new share count, or without the dividend)
 * @param kind       split or dividend
 * @param value      for a split the new shares per old share (2 for a 2-for-1 split, 0.1 for a 1-for-10 reverse
 *                   split); for a dividend the cash per share on the ex-date, in the price's currency (not adjusted
 *                   for later splits)
 */
public record CorporateAction(InstrumentId instrument, LocalDate exDate, Kind kind, BigDecimal value) {

    /** What happened. */
    public enum Kind {
        SPLIT, DIVIDEND
    }

    public CorporateAction {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(exDate, "exDate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " of " + instrument
                    + " on " + exDate + " must be positive, got " + value.toPlainString());
        }
    }
}

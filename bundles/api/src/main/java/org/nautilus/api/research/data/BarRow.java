package org.nautilus.api.research.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;

/**
 * One bar as a file or feed gave it, not yet validated: it may have a zero price or a high below its low, which a
 * {@link org.nautilus.api.marketdata.Bar} cannot hold. Data checks look at these rows.
 *
 * @param instrument whose bar it is
 * @param start      the bar's start
 * @param open       first price, as given
 * @param high       highest price, as given
 * @param low        lowest price, as given
 * @param close      last price, as given
 * @param volume     traded quantity, as given (zero where the source has none)
 * @param location   where it came from, e.g. {@code apple.csv:17} or {@code bars.parquet:row 17}
 */
public record BarRow(InstrumentId instrument, Instant start, BigDecimal open, BigDecimal high, BigDecimal low,
        BigDecimal close, BigDecimal volume, String location) {

    public BarRow {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(location, "location");
    }
}

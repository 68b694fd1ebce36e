package org.nautilus.research.internal.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.research.internal.data.BarFileException;
import org.nautilus.research.internal.data.CsvBarReader;

/**
 * An instrument's historical bars in a CSV file (what {@link CsvBarReader} reads), for a backfill.
 *
 * @param interval the bars' interval
 */
public record BarSource(InstrumentId instrument, Path file, Duration interval) {

    public BarSource {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(interval, "interval");
    }

    public BarSpec spec() {
        return BarSpec.time(interval);
    }

    public List<Bar> read() throws BarFileException {
        return CsvBarReader.read(file, instrument, interval);
    }

    /**
     * Parses {@code SYMBOL | FILE | INTERVAL} entries separated by {@code ;}, e.g.
     * {@code AAPL.NASDAQ | samples/appleinc_bars_from_20130101_usd.csv | P1D}; a relative file is under {@code home}.
     *
     * @throws IllegalArgumentException naming the entry that is malformed
     */
    public static List<BarSource> parseAll(String text, Path home, UnaryOperator<String> placeholders) {
        List<BarSource> sources = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return sources;
        }
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("\\|");
            if (parts.length != 3) {
                throw new IllegalArgumentException("backfill source '" + entry.strip()
                        + "' is not SYMBOL | FILE | INTERVAL, e.g. AAPL.NASDAQ | samples/apple.csv | P1D");
            }
            Duration interval;
            try {
                interval = Duration.parse(parts[2].strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("backfill source '" + entry.strip() + "': '" + parts[2].strip()
                        + "' is not an ISO-8601 interval such as P1D or PT5M", e);
            }
            Path file = Path.of(placeholders.apply(parts[1].strip()));
            sources.add(new BarSource(InstrumentId.of(parts[0].strip()), file.isAbsolute() ? file : home.resolve(file),
                    interval));
        }
        return sources;
    }
}

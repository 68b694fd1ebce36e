package org.nautilus.api.routes;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.nautilus.api.domain.InstrumentId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads market data files in the formats the replay routes read ({@code trades-csv}, {@code bars-csv},
 * {@code bars-json}, {@code json-lines}, {@code lines}): one reader for the routes and for a backtest, so both
 * see the same events from the same file.
 *
 * @since 1.2
 */
@ProviderType
public interface MarketDataFiles {

    /**
     * Opens a file.
     *
     * @param file     the file
     * @param format   its format name
     * @param symbol   the instrument of rows that do not name one ({@code null}: every row must)
     * @param interval the interval of bars ({@code null}: from the file name, e.g. {@code PT5M}, else one day)
     * @throws IllegalArgumentException for an unknown format
     * @throws IOException              if the file cannot be opened
     */
    Reader open(Path file, String format, InstrumentId symbol, Duration interval) throws IOException;

    /** The events of one file, in file order. */
    interface Reader extends AutoCloseable {

        /**
         * The next event: a {@link org.nautilus.api.marketdata.Quote}, {@link org.nautilus.api.marketdata.Trade}
         * or {@link org.nautilus.api.marketdata.Bar}; {@code null} at the end.
         *
         * @throws IllegalArgumentException for a line that cannot be read, naming the file and line
         */
        Object next() throws IOException;

        @Override
        void close() throws IOException;
    }
}

package org.nautilus.strategy.internal.backtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.strategy.BacktestSpec;

/** The real sample data shipped with ta4j-examples (what the distribution's samples/ holds), as backtest specs. */
final class SampleData {

    static final String APPLE_FILE = "appleinc_bars_from_20130101_usd.csv";
    static final InstrumentId AAPL = InstrumentId.of("AAPL.NASDAQ");

    private SampleData() {
    }

    /** Copies a sample file into {@code dir} and returns its name there. */
    static String copy(Path dir, String resource) {
        try (InputStream in = SampleData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path (ta4j-examples)");
            }
            Files.copy(in, dir.resolve(resource), StandardCopyOption.REPLACE_EXISTING);
            return resource;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A spec over the Apple daily bars of 2013 in {@code dir}. */
    static BacktestSpec apple(Path dir, String strategy, Map<String, String> parameters,
            BacktestSpec.Execution execution) {
        copy(dir, APPLE_FILE);
        return new BacktestSpec(strategy, parameters,
                List.of(new BacktestSpec.DataFile(APPLE_FILE, "bars-csv", AAPL, Duration.ofDays(1))), null, null,
                new BigDecimal("100000"), execution, Map.of(), Duration.ofDays(1), 252);
    }

    /** 5 bps either side, 10 % of the volume, no latency, 1 bp fees. */
    static BacktestSpec.Execution defaults() {
        return BacktestSpec.Execution.defaults();
    }
}

package org.nautilus.itests;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.factor.alpha158.internal.Alpha158Library;
import org.nautilus.research.internal.data.BarFileException;
import org.nautilus.research.internal.data.CsvBarReader;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.features.CompiledLibrary;

/**
 * The batch side of {@link FactorLibraryIT}, run in the test driver's JVM (never in the container: the research
 * engine's packages are private there): Alpha158 computed by {@code FactorBatch} over the Apple daily bars the
 * distribution ships, written as a file the test in the container reads.
 *
 * <p>File format, tab-separated: a line {@code bar <close>} per bar, then {@code <factor> <bits>...} per factor,
 * one hexadecimal {@code doubleToRawLongBits} per bar (NaN included), so the comparison is bit for bit.
 */
final class ExpectedAlpha158 {

    static final String CSV = "appleinc_bars_from_20130101_usd.csv";

    private ExpectedAlpha158() {
    }

    /** Computes the values and returns the file's path. */
    static String write() {
        try {
            List<Bar> bars;
            try (Reader in = new InputStreamReader(ExpectedAlpha158.class.getClassLoader().getResourceAsStream(CSV),
                    StandardCharsets.UTF_8)) {
                bars = CsvBarReader.read(in, CSV, InstrumentId.of("AAPL.NASDAQ"), Duration.ofDays(1));
            }
            CompiledLibrary library = CompiledLibrary.compile(new Alpha158Library());
            FactorColumns batch = library.program().evaluate(BarColumns.of(bars));
            List<String> lines = new ArrayList<>();
            bars.forEach(bar -> lines.add("bar\t" + bar.close()));
            for (String factor : batch.names()) {
                StringBuilder line = new StringBuilder(factor);
                for (double value : batch.column(factor)) {
                    line.append('\t').append(Long.toHexString(Double.doubleToRawLongBits(value)));
                }
                lines.add(line.toString());
            }
            Path file = Path.of("target", "alpha158-apple-expected.tsv").toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file.toString();
        } catch (IOException | BarFileException e) {
            throw new UncheckedIOException(new IOException("cannot compute the expected Alpha158 values", e));
        }
    }
}

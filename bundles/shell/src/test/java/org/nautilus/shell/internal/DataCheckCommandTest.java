package org.nautilus.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.research.internal.data.DataFilesComponent;
import org.nautilus.research.internal.store.DatePartition;
import org.nautilus.research.internal.store.DuckDbFactorStore;

/** nautilus:data-check over the real data files service and factor store. */
class DataCheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsCheckedAndEveryIssueListedWithItsRow() throws Exception {
        Path file = Files.writeString(dir.resolve("acme.csv"), """
                date,open,high,low,close,volume
                2025-01-06,10,11,9,10.5,100
                2025-01-07,10.5,10,11,10.8,100
                2025-01-09,10.8,11.2,10.6,11,100
                """);
        try (DuckDbFactorStore store = DuckDbFactorStore.open(dir.resolve("factors"), DatePartition.YEAR, 1)) {
            DataCheckCommand command = command(store);
            command.target = file.toString();
            String out = run(command);
            assertThat(out).contains("acme.csv:3").contains("INCONSISTENT_OHLC").contains("high 10 < low 11");
            assertThat(out).contains("acme.csv:4").contains("GAP").contains("2025-01-08T00:00:00Z");
            assertThat(out).contains("acme.csv: 3 rows, 2 issues (GAP 1, INCONSISTENT_OHLC 1) [weekdays calendar,"
                    + " outliers beyond robust z 10]");
            assertThat(out).contains("1 rows cannot be loaded as bars");
            // the file is as it was
            assertThat(Files.readAllLines(file)).hasSize(4);
        }
    }

    @Test
    void aStoredInstrumentIsCheckedFromTheStoreAndAnUnknownNameIsRefused() throws Exception {
        try (DuckDbFactorStore store = DuckDbFactorStore.open(dir.resolve("factors"), DatePartition.YEAR, 1)) {
            InstrumentId acme = InstrumentId.of("ACME");
            Price p = Price.of("10");
            Instant monday = Instant.parse("2025-01-06T00:00:00Z");
            Instant thursday = Instant.parse("2025-01-09T00:00:00Z");
            store.replaceBars(acme, BarSpec.time(Duration.ofDays(1)), TimeRange.ALL, List.of(
                    new Bar(acme, monday, monday.plus(Duration.ofDays(1)), p, p, p, p, Quantity.ofWhole(1)),
                    new Bar(acme, thursday, thursday.plus(Duration.ofDays(1)), p, p, p, p, Quantity.ofWhole(1))));
            DataCheckCommand command = command(store);
            command.target = "ACME";
            assertThat(run(command)).contains("2 missing PT24H bars")
                    .contains("store ACME PT24H: 2 rows, 1 issues (GAP 1)");

            command.target = "NOPE";
            assertThatThrownBy(command::execute).hasMessageContaining("NOPE is neither a file")
                    .hasMessageContaining("nor an instrument of the factor store [ACME]");
        }
    }

    private DataCheckCommand command(DuckDbFactorStore store) {
        DataCheckCommand command = new DataCheckCommand();
        command.data = new DataFilesComponent();
        command.store = store;
        return command;
    }

    private static String run(DataCheckCommand command) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

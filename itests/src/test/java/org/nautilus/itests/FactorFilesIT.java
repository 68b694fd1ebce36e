package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToLongFunction;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorProblem;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.routes.RouteService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Factor files in the running distribution: the shipped etc/factors/examples.yaml computes (its RSI_CENTRED is
 * the technical library's RSI_14 - 50, a cross-library reference), and a file written into etc/factors while the
 * Apple daily bars are replayed is added (values on every bar, from the gateway's bars), edited (replaced),
 * broken (reported as file:line:column, the running version keeps computing) and removed (its factors go).
 * Values are checked against the arithmetic of the expressions over the gateway's bars, bit for bit.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FactorFilesIT extends NautilusTestSupport {

    private static final InstrumentId APPLE = InstrumentId.of("AAPL.NASDAQ");
    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));
    private static final Duration RELOAD = Duration.ofSeconds(30);

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Test
    public void aFactorFileIsAddedEditedBrokenAndRemovedWhileThePlatformRuns() throws Exception {
        FactorService factors = service(FactorService.class, null);
        MarketDataService marketData = service(MarketDataService.class, null);
        RouteService routes = service(RouteService.class, null);
        Path file = Path.of(System.getProperty("karaf.etc"), "factors", "itest.yaml");

        await("the shipped examples library", STARTUP, () -> library(factors, "examples"), list -> list.size() == 4);
        assertEquals(List.of(), problems(factors, "examples"));

        routes.start("replay-apple-daily");
        await("the Apple daily bars replayed", STARTUP, () -> marketData.bars(APPLE, DAY, 10_000).size(), n -> n > 200);
        int rows = await("the replay finished", Duration.ofSeconds(60), () -> {
            // Quiescence: the replay route says nothing when it reaches the file's end; no new bar for 1 s is the end.
            int before = marketData.bars(APPLE, DAY, 10_000).size();
            Thread.sleep(1000);
            int after = marketData.bars(APPLE, DAY, 10_000).size();
            return after == before ? after : -1;
        }, n -> n > 0);
        List<Bar> bars = marketData.bars(APPLE, DAY, 10_000);
        assertEquals(rows, bars.size());
        Instant lastEnd = bars.get(rows - 1).end();

        // The shipped file's cross-library factor: technical's RSI_14 - 50, at the same bar.
        FactorValue centred = await("RSI_CENTRED after the last bar", Duration.ofSeconds(60),
                () -> factors.latest("RSI_CENTRED", APPLE), v -> v.isPresent() && v.get().asOf().equals(lastEnd)).get();
        FactorValue rsi = factors.history("RSI_14", APPLE, DAY).stream().filter(v -> v.asOf().equals(lastEnd))
                .findFirst().orElseThrow();
        assertEquals(Double.doubleToRawLongBits(rsi.value() - 50), Double.doubleToRawLongBits(centred.value()));

        double[] close = column(bars, b -> b.close().raw());
        double[] high = column(bars, b -> b.high().raw());
        double[] low = column(bars, b -> b.low().raw());

        // Added: values on every bar the gateway has, warmed up from its history.
        write(file,
                "factors:\n  - name: IT_MOM\n    expression: $close/Ref($close,5)-1\n    description: 5-bar momentum\n");
        await("IT_MOM computed", RELOAD, () -> factors.history("IT_MOM", APPLE, DAY), h -> h.size() == rows - 5);
        assertValues(factors, "IT_MOM", bars, 5, i -> close[i] / close[i - 5] - 1);
        assertTrue(factors.factors().contains(new FactorInfo("IT_MOM", "5-bar momentum", 5, "itest")));

        // Edited: the library is replaced.
        write(file, "factors:\n  - name: IT_MOM\n    expression: $close/Ref($close,10)-1\n"
                + "  - name: IT_RANGE\n    expression: $high-$low\n");
        await("IT_MOM over 10 bars and IT_RANGE", RELOAD, () -> factors.history("IT_RANGE", APPLE, DAY),
                h -> h.size() == rows);
        await("IT_MOM replaced", RELOAD, () -> factors.history("IT_MOM", APPLE, DAY), h -> h.size() == rows - 10);
        assertValues(factors, "IT_MOM", bars, 10, i -> close[i] / close[i - 10] - 1);
        assertValues(factors, "IT_RANGE", bars, 0, i -> high[i] - low[i]);

        // Broken: reported where it is; what ran keeps running.
        write(file, "factors:\n  - name: IT_MOM\n    expression: $close/Raf($close,10)-1\n");
        List<FactorProblem> problems = await("the broken file reported", RELOAD, () -> problems(factors, "itest"),
                list -> !list.isEmpty());
        assertTrue(problems.toString(),
                problems.get(0).problem().message().startsWith("itest.yaml:3:24: unknown function 'Raf'"));
        String listed = executeCommand("nautilus:factors -l itest");
        assertTrue(listed, listed.contains("itest.yaml:3:24"));
        assertEquals(2, library(factors, "itest").size());
        assertValues(factors, "IT_MOM", bars, 10, i -> close[i] / close[i - 10] - 1);

        // Removed: its factors go.
        Files.delete(file);
        await("the file's factors gone", RELOAD, () -> library(factors, "itest"), List::isEmpty);
        assertTrue(factors.latest("IT_RANGE", APPLE).isEmpty());
        assertEquals(List.of(), problems(factors, "itest"));
        assertEquals(4, library(factors, "examples").size());
    }

    private static List<FactorInfo> library(FactorService factors, String library) {
        return factors.factors().stream().filter(f -> f.library().equals(library)).toList();
    }

    private static List<FactorProblem> problems(FactorService factors, String library) {
        return factors.problems().stream().filter(p -> p.library().equals(library)).toList();
    }

    /** The factor's value at every bar from {@code first} on is {@code expected}, bit for bit. */
    private static void assertValues(FactorService factors, String factor, List<Bar> bars, int first,
            IntToDoubleFunction expected) {
        Map<Instant, Integer> rows = new HashMap<>();
        for (int i = 0; i < bars.size(); i++) {
            rows.put(bars.get(i).end(), i);
        }
        List<FactorValue> history = factors.history(factor, APPLE, DAY);
        assertEquals(factor + " values", bars.size() - first, history.size());
        for (FactorValue value : history) {
            int row = rows.get(value.asOf());
            assertEquals(factor + " at row " + row, Double.doubleToRawLongBits(expected.applyAsDouble(row)),
                    Double.doubleToRawLongBits(value.value()));
        }
    }

    /** A field as the engine reads it: the fixed-point raw value over 10^scale, one division. */
    private static double[] column(List<Bar> bars, ToLongFunction<Bar> raw) {
        double unit = Math.pow(10, FixedPoint.SCALE);
        return bars.stream().mapToDouble(b -> raw.applyAsLong(b) / unit).toArray();
    }

    private static void write(Path file, String yaml) throws Exception {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(".itest.yaml.tmp"); // hidden: never read half-written
        Files.writeString(temporary, yaml, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}

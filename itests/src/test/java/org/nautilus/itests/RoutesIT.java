package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.routes.RouteFileInfo;
import org.nautilus.api.routes.RouteInfo;
import org.nautilus.api.routes.RouteService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Route files as configuration: added, edited, broken and removed while the platform runs; sample replay. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RoutesIT extends NautilusTestSupport {

    private static final Duration RELOAD = Duration.ofSeconds(30);
    private static final InstrumentId ETH = InstrumentId.of("ETH-USD.BINANCEUS");
    private static final InstrumentId BITSTAMP = InstrumentId.of("BTC-USD.BITSTAMP");

    @Configuration
    public Option[] config() {
        return distribution();
    }

    /** Writes a route file whole (as an editor's save-and-rename does): the watcher never reads it half written. */
    private static void replace(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    public void aRouteFileIsPickedUpReloadedWhenEditedReportedWhenBrokenAndRemovedWhenDeleted() throws Exception {
        RouteService routes = service(RouteService.class, null);
        MarketDataService marketData = service(MarketDataService.class, null);
        Path file = Path.of(System.getProperty("karaf.etc"), "routes", "itest-feed.yaml");

        replace(file, feed("1234.5"));
        await("ETH marked at 1234.5 by the new route", RELOAD, () -> marketData.mark(ETH),
                mark -> mark.equals(Optional.of(Price.of("1234.5"))));
        assertTrue(executeCommand("nautilus:routes").contains("itest-feed"));

        replace(file, feed("2345.5"));
        await("ETH marked at 2345.5 after the edit", RELOAD, () -> marketData.mark(ETH),
                mark -> mark.equals(Optional.of(Price.of("2345.5"))));

        replace(file, feed("3456.5").replace("      steps:", "      steps\n        oops: ["));
        RouteFileInfo broken = await("the broken file reported", RELOAD, () -> fileInfo(routes, "itest-feed.yaml"),
                info -> info != null && !info.loaded());
        assertTrue(broken.error(), broken.error().contains("itest-feed.yaml") && broken.error().contains("line"));
        long before = exchanges(routes, "itest-feed");
        await("the old route still running after the broken edit", RELOAD, () -> exchanges(routes, "itest-feed"),
                count -> count > before);
        assertEquals(Optional.of(Price.of("2345.5")), marketData.mark(ETH));
        String listed = executeCommand("nautilus:routes");
        assertTrue(listed, listed.contains("NO"));

        Files.delete(file);
        await("itest-feed removed", RELOAD, () -> routes.routes().stream().map(RouteInfo::id).toList(),
                ids -> !ids.contains("itest-feed"));
    }

    @Test
    public void replayingTheBitstampTradesGivesOneMinuteBarsThatMatchAnIndependentComputation() throws Exception {
        MarketDataService marketData = service(MarketDataService.class, null);
        service(RouteService.class, null);
        Map<Instant, Bar> expected = oneMinuteBars(Path.of(System.getProperty("karaf.home"), "samples",
                "bitstamp_trades_from_20131125_usd.csv"));
        Instant lastMinute = ((TreeMap<Instant, Bar>) expected).lastKey();

        String started = executeCommand("nautilus:route-start replay-bitstamp");
        assertTrue(started, started.contains("Started"));
        BarSpec minute = BarSpec.time(Duration.ofMinutes(1));
        List<Bar> bars = await("the replay's last 1-minute bar", Duration.ofSeconds(120),
                () -> marketData.bars(BITSTAMP, minute, 10_000),
                list -> !list.isEmpty() && list.get(list.size() - 1).start().equals(lastMinute));

        assertTrue("bars kept: " + bars.size(), bars.size() > 1000);
        for (Bar bar : bars) {
            Bar want = expected.get(bar.start());
            assertTrue("a bar at " + bar.start() + " that the file has no trades for", want != null);
            String at = "bar " + bar.start() + ": ";
            assertEquals(at + "open", want.open(), bar.open());
            assertEquals(at + "high", want.high(), bar.high());
            assertEquals(at + "low", want.low(), bar.low());
            assertEquals(at + "close", want.close(), bar.close());
            assertEquals(at + "volume", want.volume(), bar.volume());
        }
        // No minute with trades is missing between the first and last bar kept.
        long missing = expected.keySet().stream()
                .filter(t -> !t.isBefore(bars.get(0).start()))
                .filter(t -> bars.stream().noneMatch(b -> b.start().equals(t))).count();
        assertEquals("minutes with trades but no bar", 0, missing);
    }

    /** The file's trades folded into 1-minute OHLCV bars, here in the test, without the platform's code. */
    private static Map<Instant, Bar> oneMinuteBars(Path csv) throws Exception {
        TreeMap<Instant, Bar> bars = new TreeMap<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(",");
            BigDecimal amount = new BigDecimal(f[2]);
            if (amount.signum() == 0) {
                continue;
            }
            Instant start = Instant.ofEpochSecond(Long.parseLong(f[0]) / 60 * 60);
            Price price = Price.of(new BigDecimal(f[1]).stripTrailingZeros());
            Quantity size = Quantity.of(amount.stripTrailingZeros());
            bars.merge(start, new Bar(BITSTAMP, start, start.plusSeconds(60), price, price, price, price, size),
                    (a, b) -> new Bar(BITSTAMP, a.start(), a.end(), a.open(),
                            a.high().compareTo(b.high()) >= 0 ? a.high() : b.high(),
                            a.low().compareTo(b.low()) <= 0 ? a.low() : b.low(), b.close(),
                            a.volume().plus(b.volume())));
        }
        return bars;
    }

    private static String feed(String price) {
        return "- route:\n"
                + "    id: itest-feed\n"
                + "    from:\n"
                + "      uri: \"timer:itest-feed\"\n"
                + "      parameters:\n"
                + "        period: 200\n"
                + "      steps:\n"
                + "        - setBody:\n"
                + "            constant: \"T,ETH-USD.BINANCEUS," + price + ",1\"\n"
                + "        - to: \"nautilus:marketdata\"\n";
    }

    private static RouteFileInfo fileInfo(RouteService routes, String name) {
        return routes.files().stream().filter(f -> f.file().equals(name)).findFirst().orElse(null);
    }

    private static long exchanges(RouteService routes, String id) {
        return routes.routes().stream().filter(r -> r.id().equals(id)).mapToLong(RouteInfo::exchanges).findFirst()
                .orElse(-1);
    }
}

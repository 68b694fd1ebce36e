package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.routes.RouteService;
import org.nautilus.api.strategy.BacktestResult;
import org.nautilus.api.strategy.BacktestService;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.api.strategy.StrategyInfo;
import org.nautilus.api.strategy.StrategyService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Live/backtest parity: the MA crossover over Apple's daily bars of 2013, once live (the bars replayed through a route
 * into the running platform, the strategy trading on the simulated exchange SIM, which quotes the replayed bars
 * ({@code bar.quotes.spec = P1D})) and once as a backtest of the same file, parameters, fees and risk limits: the
 * same orders and the same fills, price for price and commission for commission.
 *
 * <p>What may differ, and is not compared: order ids, client order ids and timestamps (wall clock live, the data's
 * time in the backtest). What the live run needs that a backtest does not: the replay is step-locked to the strategy
 * ({@code to: nautilus:strategy?name=ma-cross} after each bar: the next bar is published only once the strategy has
 * decided on this one and its orders have their fills), as the backtest's loop guarantees; and the duplicate-order
 * rule's window, which counts wall-clock time, is shorter than two replayed days (a replayed year lasts seconds: a
 * 1 s window would see two orders days apart as duplicates; the crossover's consecutive orders alternate sides, so
 * no two identical orders are ever within 1 ms).
 *
 * <p>The replay used to be paced on the wall clock (a day every 200 ms: 73 s for the year, and only likely, not
 * certain, to give the strategy time); step-locked, it runs as fast as the platform settles.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ParityIT extends NautilusTestSupport {

    private static final PortfolioId PORTFOLIO = PortfolioId.of("ma-cross");
    /** Bars of the file (a bar of each trading day of 2013). */
    private static final int BARS = 252;
    /** The strategy's parameters, live (etc/nautilus.strategy.ma_cross.cfg) and in the backtest (param.*). */
    private static final Map<String, String> PARAMETERS = Map.of("instruments", "AAPL.NASDAQ", "venue", "SIM",
            "bar.spec", "P1D", "fast", "10", "slow", "30", "rsi.period", "14", "rsi.max", "70", "quantity", "100",
            "flatten.on.stop", "false");

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(distribution()));
        String strategy = "etc/nautilus.strategy.ma_cross.cfg";
        options.add(editConfigurationFilePut(strategy, "autostart", "false"));
        PARAMETERS.forEach((k, v) -> options.add(editConfigurationFilePut(strategy, k, v)));
        options.add(editConfigurationFilePut("etc/nautilus.venue.simulated-SIM.cfg", "bar.quotes.spec", "P1D"));
        options.add(editConfigurationFilePut("etc/nautilus.venue.simulated-SIM.cfg", "bar.quotes.slippage.bps", "5"));
        options.add(
                editConfigurationFilePut("etc/nautilus.venue.simulated-SIM.cfg", "bar.quotes.participation", "0.1"));
        options.add(editConfigurationFilePut("etc/nautilus.risk.duplicate_order.cfg", "window.ms", "1"));
        return options.toArray(Option[]::new);
    }

    @Before
    public void platformIsReady() throws Exception {
        awaitReady();
    }

    @Test
    public void theSameStrategyOnTheSameBarsGivesTheSameOrdersAndFillsLiveAndInABacktest() throws Exception {
        executeCommand("feature:install nautilus-strategy-ma-cross");
        StrategyService strategies = service(StrategyService.class, null);
        OrderService orders = service(OrderService.class, null);
        RouteService routes = service(RouteService.class, null);
        BacktestService backtests = service(BacktestService.class, null);
        await("ma-cross registered", Duration.ofSeconds(60), () -> strategies.strategy("ma-cross"),
                s -> s.isPresent());
        strategies.start("ma-cross");

        // Live: the file replayed through a route into the running platform, each bar waiting for the strategy.
        Path file = Path.of(System.getProperty("karaf.etc"), "routes", "parity-apple.yaml");
        Files.writeString(file, """
                - route:
                    id: parity-apple
                    autoStartup: false
                    from:
                      uri: "nautilus-replay:parity"
                      parameters:
                        file: samples/appleinc_bars_from_20130101_usd.csv
                        format: bars-csv
                        symbol: AAPL.NASDAQ
                        interval: P1D
                      steps:
                        - to: "nautilus:marketdata"
                        - to: "nautilus:strategy?name=ma-cross&timeout=60000"
                """);
        await("route parity-apple loaded", Duration.ofSeconds(30),
                () -> routes.routes().stream().anyMatch(r -> r.id().equals("parity-apple")), loaded -> loaded);
        routes.start("parity-apple");
        StrategyInfo done = await("ma-cross saw every bar", Duration.ofSeconds(180),
                () -> strategies.strategy("ma-cross").orElseThrow(), s -> s.events() >= BARS);
        await("no ma-cross order working", Duration.ofSeconds(30), () -> own(orders),
                own -> own.stream().noneMatch(o -> o.status().isOpen()));
        strategies.stop("ma-cross", false);
        List<String> liveOrders = own(orders).stream().map(ParityIT::order).toList();
        List<String> liveFills = own(orders).stream().flatMap(o -> orders.fills(o.id()).stream())
                .map(ParityIT::fill).toList();

        // The backtest of the same file, parameters, execution model (SIM's fees and bar quotes) and risk limits.
        Map<String, String> spec = new HashMap<>();
        spec.put("strategy", "ma-cross");
        spec.put("data.1.file", "samples/appleinc_bars_from_20130101_usd.csv");
        spec.put("data.1.format", "bars-csv");
        spec.put("data.1.symbol", "AAPL.NASDAQ");
        spec.put("data.1.interval", "P1D");
        PARAMETERS.forEach((k, v) -> spec.put("param." + k, v));
        spec.put("initial.cash", "1000000");
        spec.put("slippage.bps", "5");
        spec.put("participation", "0.1");
        spec.put("maker.fee.bps", "2");
        spec.put("taker.fee.bps", "2");
        spec.put("risk.max.quantity", "1000");
        spec.put("risk.max.notional", "1000000");
        spec.put("risk.max.position", "10000");
        spec.put("risk.max.loss", "50000");
        spec.put("risk.max.leverage", "4");
        spec.put("risk.max.deviation.percent", "5");
        BacktestResult result = backtests.run(BacktestSpec.fromProperties(spec), line -> {});
        Path folder = Path.of(result.folder());
        List<String> backtestOrders = Files.readAllLines(folder.resolve("orders.csv")).stream().skip(1)
                .map(line -> line.split(",", -1)).map(c -> String.join(" ", c[3], c[4], c[5], c[7], c[8], c[9]))
                .toList();
        List<String> backtestFills = Files.readAllLines(folder.resolve("fills.csv")).stream().skip(1)
                .map(line -> line.split(",", -1)).map(c -> String.join(" ", c[4], c[5], c[6], c[7])).toList();

        assertTrue("the strategy traded live: " + done + " " + liveOrders, liveOrders.size() >= 4);
        assertEquals("orders (side type quantity status filled average price)", backtestOrders, liveOrders);
        assertEquals("fills (side quantity price commission)", backtestFills, liveFills);
    }

    private static List<Order> own(OrderService orders) {
        return orders.orders().stream().filter(o -> o.portfolioId().equals(PORTFOLIO))
                .sorted(Comparator.comparing(o -> o.id().value())).toList();
    }

    private static String order(Order o) {
        return String.join(" ", o.side().toString(), o.request().type().toString(), o.quantity().toString(),
                o.status().toString(), o.filledQuantity().toString(),
                o.averagePrice() == null ? "" : o.averagePrice().toString());
    }

    private static String fill(Fill f) {
        return String.join(" ", f.side().toString(), f.quantity().toString(), f.price().toString(),
                f.commission().toString());
    }
}

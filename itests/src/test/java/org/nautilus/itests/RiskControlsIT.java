package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nautilus.api.domain.OrderStatus.ACCEPTED;
import static org.nautilus.api.domain.OrderStatus.DENIED;
import static org.nautilus.api.domain.OrderStatus.FILLED;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.risk.RiskMetrics;
import org.nautilus.api.risk.RiskMetricsService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Every pre-trade rule of the distribution denies with its code and the numbers it compared, the trading states
 * REDUCING and HALTED, and the risk metrics' exposure and VaR values. Tight limits are per-portfolio overrides in
 * the rules' etc/ files (as a desk would set them), so the other portfolios keep the shipped limits.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RiskControlsIT extends TradingScenarioSupport {

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(Arrays.asList(distribution()));
        options.add(
                editConfigurationFilePut("etc/nautilus.risk.max_position.cfg", "portfolio.r-pos.max.position", "50"));
        options.add(editConfigurationFilePut("etc/nautilus.risk.max_leverage.cfg", "portfolio.r-lev.max.leverage",
                "0.001"));
        options.add(editConfigurationFilePut("etc/nautilus.risk.max_daily_loss.cfg", "portfolio.r-loss.max.loss", "1"));
        options.add(editConfigurationFilePut("etc/nautilus.risk.order_rate.cfg", "portfolio.r-rate.max.orders", "2"));
        options.add(editConfigurationFilePut("etc/nautilus.risk.symbol_allowlist.cfg", "portfolio.r-allow.symbols",
                "AAPL"));
        return options.toArray(Option[]::new);
    }

    @Before
    public void platformIsReady() throws Exception {
        awaitReady();
    }

    /** Submits and checks the order was DENIED with {@code code} and a reason containing every {@code part}. */
    private Order denied(OrderRequest request, String code, String... parts) throws Exception {
        Order order = orders().submit(request);
        assertEquals(order.toString(), DENIED, order.status());
        assertEquals(order.reason(), code, code(order));
        for (String part : parts) {
            assertTrue("'" + part + "' in: " + order.reason(), order.reason().contains(part));
        }
        return order;
    }

    private Position awaitPosition(String portfolio, InstrumentId id, long quantity) throws Exception {
        PositionService positions = service(PositionService.class, null);
        return await(portfolio + " holds " + quantity + " " + id, SOON,
                () -> positions.positions(PortfolioId.of(portfolio))
                        .stream().filter(p -> p.instrumentId().equals(id)).findFirst().orElse(null),
                p -> p != null && p.quantity().equals(Quantity.ofWhole(quantity)));
    }

    @Test
    public void quantityNotionalAndPositionLimitsDenyWithTheirNumbers() throws Exception {
        InstrumentId x = instrument("RSKA");
        quote(x, "99.95", "100.05", 100);
        denied(limit("r-qty-1", "r-qty", x, Side.BUY, 1001, "99"), "MAX_ORDER_QUANTITY",
                "max order quantity 1000 exceeded: 1001");
        String shell = executeCommand("nautilus:submit -t LIMIT -p 99 -v SIM -P r-qty -w 0 BUY 1001 RSKA");
        assertTrue(shell, shell.contains("DENIED") && shell.contains("[MAX_ORDER_QUANTITY]"));

        InstrumentId big = instrument("RSKN");
        quote(big, "1999.95", "2000.05", 1000);
        denied(limit("r-not-1", "r-not", big, Side.BUY, 600, "2000"), "MAX_NOTIONAL",
                "max notional 1,000,000 USD exceeded: 1,200,000");

        Order bought = orders().submit(market("r-pos-1", "r-pos", x, Side.BUY, 40));
        assertEquals(FILLED, awaitStatus(bought.id(), FILLED).status());
        awaitPosition("r-pos", x, 40);
        denied(limit("r-pos-2", "r-pos", x, Side.BUY, 20, "99"), "MAX_POSITION",
                "max position 50 RSKA exceeded: 60 (position 40, open BUY 0, this BUY 20)");
    }

    @Test
    public void leverageCollarReduceOnlySelfTradeAllowlistDuplicateAndRateLimitsDeny() throws Exception {
        InstrumentId x = instrument("RSKC"); // never traded here: its mark is the quote's mid, 100
        quote(x, "99.95", "100.05", 100);

        denied(limit("r-lev-1", "r-lev", x, Side.BUY, 20, "99"), "MAX_LEVERAGE",
                "max leverage 0.001 exceeded: 0.002 (gross exposure 2000 on equity 1,000,000)");
        denied(limit("r-col-1", "r-col", x, Side.BUY, 1, "110"), "PRICE_COLLAR",
                "price collar 5% around 100", "(95 to 105) exceeded: BUY limit 110 is 10% away");
        OrderRequest reduceOnly = limit("r-ro-1", "r-ro", x, Side.BUY, 5, "99").withFlags(false, true);
        denied(reduceOnly, "REDUCE_ONLY", "reduce-only BUY 5 RSKC cannot reduce a position of 0");
        denied(limit("r-allow-1", "r-allow", x, Side.BUY, 1, "99"), "SYMBOL_NOT_ALLOWED",
                "RSKC is not on the allowlist of portfolio r-allow (AAPL)");

        Order resting = orders().submit(limit("r-self-1", "r-self", x, Side.BUY, 1, "99"));
        assertEquals(ACCEPTED, awaitStatus(resting.id(), ACCEPTED).status());
        denied(limit("r-self-2", "r-self", x, Side.SELL, 1, "99"), "SELF_TRADE",
                "SELL 1 RSKC at 99 would trade against own open BUY order r-self-1 at 99");
        orders().cancel(resting.id());

        Order first = orders().submit(limit("r-dup-1", "r-dup", x, Side.BUY, 1, "98"));
        denied(limit("r-dup-2", "r-dup", x, Side.BUY, 1, "98"), "DUPLICATE_ORDER",
                "same as order r-dup-1 submitted", "BUY 1 RSKC LIMIT 98");
        orders().cancel(first.id());

        List<Order> rate = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            rate.add(orders().submit(limit("r-rate-" + i, "r-rate", x, Side.BUY, 1, Integer.toString(95 + i))));
        }
        assertEquals(ACCEPTED, rate.get(1).status() == DENIED ? DENIED
                : awaitStatus(rate.get(1).id(), ACCEPTED)
                        .status());
        Order third = rate.get(2);
        assertEquals(third.reason(), "ORDER_RATE", code(third));
        assertTrue(third.reason(), third.reason().contains("order rate 2 per 1s exceeded: 3"));
        rate.stream().filter(o -> o.status() != DENIED).forEach(o -> {
            try {
                orders().cancel(o.id());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    public void theDailyLossLimitStopsNewRiskOnceTheDaysLossReachesIt() throws Exception {
        InstrumentId x = instrument("RSKD");
        quote(x, "99.95", "100.05", 100);
        Order bought = orders().submit(market("r-loss-1", "r-loss", x, Side.BUY, 10));
        bought = awaitStatus(bought.id(), FILLED);
        awaitPosition("r-loss", x, 10);

        quote(x, "94.95", "95.05", 100); // marked at 95: about 50 lost on the 10 bought at 100.05
        RiskMetricsService metrics = service(RiskMetricsService.class, null);
        RiskMetrics loss = await("r-loss's daily P&L below -1", SOON, () -> metrics.metrics(PortfolioId.of("r-loss")),
                m -> m.dailyPnl().toBigDecimal().compareTo(new BigDecimal("-50")) < 0);

        Order denied = denied(limit("r-loss-2", "r-loss", x, Side.BUY, 1, "95"), "MAX_DAILY_LOSS",
                "max daily loss 1 reached: daily P&L -");
        BigDecimal shown = new BigDecimal(denied.reason().replaceAll(".*daily P&L (-[0-9.,]+);.*", "$1")
                .replace(",", ""));
        BigDecimal lossOnMark = new BigDecimal("95.00").subtract(bought.averagePrice().toBigDecimal())
                .multiply(BigDecimal.TEN);
        assertTrue(
                "the denial's P&L " + shown + " is the marked loss " + lossOnMark + " less fees, as the metrics say ("
                        + loss.dailyPnl() + ")",
                shown.compareTo(lossOnMark) <= 0
                        && shown.compareTo(lossOnMark.subtract(BigDecimal.ONE)) > 0);
        // Reducing the position is still allowed.
        Order sold = orders().submit(market("r-loss-3", "r-loss", x, Side.SELL, 4));
        assertEquals(FILLED, awaitStatus(sold.id(), FILLED).status());
    }

    @Test
    public void reducingAllowsOnlyReducingOrdersAndHaltedDeniesEverything() throws Exception {
        InstrumentId x = instrument("RSKK");
        quote(x, "99.95", "100.05", 100);
        Order bought = orders().submit(market("r-ks-1", "r-ks", x, Side.BUY, 10));
        assertEquals(FILLED, awaitStatus(bought.id(), FILLED).status());
        awaitPosition("r-ks", x, 10);
        try {
            String reducing = executeCommand("nautilus:trading-state -P r-ks -r itest-reducing REDUCING");
            assertTrue(reducing, reducing.contains("REDUCING"));
            denied(limit("r-ks-2", "r-ks", x, Side.BUY, 1, "99"), "TRADING_REDUCING", "trading is REDUCING");
            Order reduce = orders().submit(market("r-ks-3", "r-ks", x, Side.SELL, 4));
            assertEquals("a SELL of part of the long passes", FILLED, awaitStatus(reduce.id(), FILLED).status());
            awaitPosition("r-ks", x, 6);
            denied(market("r-ks-4", "r-ks", x, Side.SELL, 7), "TRADING_REDUCING", "trading is REDUCING");

            executeCommand("nautilus:trading-state -P r-ks -r itest-halt HALTED");
            denied(market("r-ks-5", "r-ks", x, Side.SELL, 1), "TRADING_HALTED", "trading is HALTED");
            // Another portfolio trades on.
            Order other = orders().submit(market("r-ks-other", "r-ks-other", x, Side.BUY, 1));
            assertEquals(FILLED, awaitStatus(other.id(), FILLED).status());
        } finally {
            executeCommand("nautilus:trading-state -P r-ks ACTIVE");
        }
        Order again = orders().submit(market("r-ks-6", "r-ks", x, Side.BUY, 1));
        assertEquals(FILLED, awaitStatus(again.id(), FILLED).status());
    }

    @Test
    public void exposureAndValueAtRiskAreTheNumbersOfThePositionAndTheBars() throws Exception {
        InstrumentId x = instrument("RSKV");
        // 30 one-second bars of mids moving by known steps, stamped in the past, then the quote of now.
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(40);
        BigDecimal mid = new BigDecimal("100.00");
        for (int i = 0; i < 30; i++) {
            BigDecimal step = new BigDecimal(i % 7 == 3 ? "-1.50" : i % 2 == 0 ? "0.40" : "-0.30");
            mid = mid.add(step);
            quoteAt(x, mid.subtract(new BigDecimal("0.05")).toPlainString(), mid.add(new BigDecimal("0.05"))
                    .toPlainString(), 100, start.plusSeconds(i));
        }
        quote(x, mid.subtract(new BigDecimal("0.05")).toPlainString(), mid.add(new BigDecimal("0.05")).toPlainString(),
                100);
        Order bought = orders().submit(market("r-var-1", "r-var", x, Side.BUY, 10));
        bought = awaitStatus(bought.id(), FILLED);
        awaitPosition("r-var", x, 10);

        RiskMetricsService metrics = service(RiskMetricsService.class, null);
        Order fill = bought;
        RiskMetrics m = await("r-var's metrics match its position and bars", SOON, () -> metrics.metrics(
                PortfolioId.of("r-var")), r -> {
                    try {
                        return expected(r, fill, x) == null;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        String shell = executeCommand("nautilus:risk -P r-var");
        assertTrue(shell, shell.contains("r-var") && shell.contains(m.grossExposure().toString())
                && shell.contains(m.historicalVar().toString()));
    }

    /**
     * Null when the metrics are what the position and the gateway's bars give (exposure = 10 × mark; VaR over the
     * close-to-close returns of the bars: the ⌈n × 5 %⌉-th worst scenario, and 1.645 σ), else what differs.
     */
    private String expected(RiskMetrics m, Order fill, InstrumentId x) throws Exception {
        Price mark = marketData().mark(x).orElseThrow();
        BigDecimal exposure = mark.toBigDecimal().multiply(BigDecimal.TEN);
        List<String> wrong = new ArrayList<>();
        if (m.grossExposure().toBigDecimal().compareTo(exposure) != 0
                || m.netExposure().toBigDecimal().compareTo(exposure) != 0) {
            wrong.add("exposure " + m.grossExposure() + "/" + m.netExposure() + " instead of " + exposure);
        }
        BigDecimal unrealized = mark.toBigDecimal().subtract(fill.averagePrice().toBigDecimal())
                .multiply(BigDecimal.TEN);
        if (m.dailyUnrealizedPnl().toBigDecimal().compareTo(unrealized) != 0) {
            wrong.add("unrealized " + m.dailyUnrealizedPnl() + " instead of " + unrealized);
        }
        List<Bar> bars = marketData().bars(x, 250);
        List<Double> pnl = new ArrayList<>();
        for (int i = 1; i < bars.size(); i++) {
            BigDecimal previous = bars.get(i - 1).close().toBigDecimal();
            double r = bars.get(i).close().toBigDecimal().subtract(previous)
                    .divide(previous, 12, RoundingMode.HALF_EVEN)
                    .doubleValue();
            pnl.add(exposure.doubleValue() * r);
        }
        if (pnl.size() < 20 || m.historicalVar() == null || m.varObservations() != pnl.size()) {
            wrong.add("VaR over " + m.varObservations() + " observations (" + m.historicalVar() + "), bars give "
                    + pnl.size());
            return wrong.toString();
        }
        double[] sorted = pnl.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int k = (int) Math.ceil(sorted.length * 0.05 - 1e-9) - 1;
        double historical = -sorted[Math.max(k, 0)];
        double mean = pnl.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = pnl.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double parametric = 1.6448536269514722 * Math.sqrt(ss / (pnl.size() - 1));
        if (Math.abs(m.historicalVar().toBigDecimal().doubleValue() - historical) > 0.01) {
            wrong.add("historical VaR " + m.historicalVar() + " instead of " + new BigDecimal(historical,
                    new MathContext(8)));
        }
        if (Math.abs(m.parametricVar().toBigDecimal().doubleValue() - parametric) > 0.01) {
            wrong.add("parametric VaR " + m.parametricVar() + " instead of " + new BigDecimal(parametric,
                    new MathContext(8)));
        }
        if (historical <= 1) {
            wrong.add("the scenario data should give a real loss, got " + historical);
        }
        return wrong.isEmpty() ? null : wrong.toString();
    }
}

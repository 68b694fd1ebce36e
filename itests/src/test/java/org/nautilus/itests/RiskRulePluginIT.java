package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.oms.OrderService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The pre-trade risk rules as plugin bundles in the assembled distribution: a rule's bundle uninstalled while trading
 * takes exactly its check away and reinstalled brings it back; a mandatory rule's bundle stopped denies every new
 * order with RULE_MISSING until it is started again (fail closed); a HALT cancels the open orders of its
 * portfolio and says how many.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RiskRulePluginIT extends NautilusTestSupport {

    private static final InstrumentId MSFT = InstrumentId.of("MSFT");
    private static final AtomicInteger IDS = new AtomicInteger();

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(Arrays.asList(distribution()));
        // Limits small enough to trip with a few shares; price-collar mandatory beside the kill switch.
        options.add(editConfigurationFilePut("etc/nautilus.risk.max_order_quantity.cfg", "max.quantity", "5"));
        options.add(editConfigurationFilePut("etc/nautilus.risk.duplicate_order.cfg", "window.ms", "30000"));
        options.add(editConfigurationFilePut("etc/nautilus.risk.cfg", "mandatory.rules", "kill-switch, price-collar"));
        return options.toArray(Option[]::new);
    }

    @Before
    public void platformIsReady() throws Exception {
        awaitReady();
    }

    @Test
    public void aRuleBundleUninstalledWhileTradingRemovesExactlyItsCheckAndReinstalledRestoresIt() throws Exception {
        OrderService oms = service(OrderService.class, null);
        assertDenied(submit(oms, "rp-remove", 10), "MAX_ORDER_QUANTITY");

        Bundle rule = bundle("nautilus-risk-max-order-quantity");
        String location = rule.getLocation();
        rule.uninstall();
        await("max-order-quantity gone from nautilus:risk-rules", Duration.ofSeconds(30),
                () -> executeCommand("nautilus:risk-rules"), out -> !out.contains("max-order-quantity"));

        Order passed = submit(oms, "rp-remove", 10);
        assertNotEquals("the order max-order-quantity denied now passes: " + passed, OrderStatus.DENIED,
                passed.status());
        // The other rules still check: the same order again is a duplicate.
        assertDenied(submit(oms, "rp-remove", 10), "DUPLICATE_ORDER");

        Bundle again = bundleContext.installBundle(location);
        again.start();
        await("max-order-quantity back in nautilus:risk-rules", Duration.ofSeconds(30),
                () -> executeCommand("nautilus:risk-rules"), out -> out.contains("max order quantity 5"));
        assertDenied(submit(oms, "rp-remove-2", 10), "MAX_ORDER_QUANTITY");
    }

    @Test
    public void aMandatoryRuleBundleStoppedDeniesEveryNewOrderWithItsCodeUntilItIsStartedAgain() throws Exception {
        OrderService oms = service(OrderService.class, null);
        Bundle collar = bundle("nautilus-risk-price-collar");
        assertNotEquals(OrderStatus.DENIED, submit(oms, "rp-mandatory", 1).status());

        collar.stop();
        try {
            String rules = await("price-collar listed as missing", Duration.ofSeconds(30),
                    () -> executeCommand("nautilus:risk-rules"), out -> out.contains("MISSING"));
            assertTrue(rules, rules.contains("price-collar"));
            Order denied = submit(oms, "rp-mandatory", 2);
            assertDenied(denied, "RULE_MISSING");
            assertTrue(denied.reason(), denied.reason().contains("price-collar"));
            String shell = executeCommand("nautilus:submit -P rp-mandatory-shell BUY 1 MSFT");
            assertTrue(shell, shell.contains("DENIED") && shell.contains("RULE_MISSING"));
        } finally {
            collar.start();
        }
        await("price-collar running again", Duration.ofSeconds(30), () -> executeCommand("nautilus:risk-rules"),
                out -> !out.contains("MISSING"));
        assertNotEquals(OrderStatus.DENIED, submit(oms, "rp-mandatory", 3).status());
    }

    @Test
    public void aHaltCancelsTheOpenOrdersOfItsPortfolioAndSaysHowMany() throws Exception {
        OrderService oms = service(OrderService.class, null);
        Order first = resting(oms, "rp-halt", 1);
        Order second = resting(oms, "rp-halt", 2);
        Order elsewhere = resting(oms, "rp-halt-other", 1);
        try {
            String halted = executeCommand("nautilus:trading-state -P rp-halt -r itest HALTED");
            assertTrue(halted, halted.contains("HALTED") && halted.contains("canceled 2 open orders"));
            for (Order order : List.of(first, second)) {
                await(order.clientOrderId() + " canceled", Duration.ofSeconds(30),
                        () -> oms.order(order.id()).orElseThrow().status(), s -> s == OrderStatus.CANCELED);
            }
            assertTrue("another portfolio's order stays open",
                    oms.order(elsewhere.id()).orElseThrow().status().isOpen());
            assertDenied(submit(oms, "rp-halt", 1), "TRADING_HALTED");
            String audit = await("the cancel in the audit journal", Duration.ofSeconds(30),
                    () -> executeCommand("nautilus:audit -n 0 -k RISK -s rp-halt"),
                    out -> out.contains("KILL_SWITCH_CANCEL"));
            assertTrue(audit, audit.contains("canceled 2 open order"));
        } finally {
            executeCommand("nautilus:trading-state -P rp-halt ACTIVE");
            oms.cancel(elsewhere.id());
        }
    }

    private Order submit(OrderService oms, String portfolio, long quantity) {
        return oms
                .submit(OrderRequest.market(ClientOrderId.of("rp-" + IDS.incrementAndGet()), PortfolioId.of(portfolio),
                        MSFT, Side.BUY, Quantity.ofWhole(quantity)));
    }

    /** A BUY limit at 97 % of the bid on SIM: inside the price collar, away enough not to fill. */
    private Order resting(OrderService oms, String portfolio, long quantity) throws Exception {
        MarketDataService marketData = service(MarketDataService.class, null);
        Quote quote = await("a quote for MSFT", STARTUP, () -> marketData.lastQuote(MSFT), Optional::isPresent)
                .orElseThrow();
        BigDecimal price = quote.bid().toBigDecimal().multiply(new BigDecimal("0.97")).setScale(2, RoundingMode.DOWN);
        String out = executeCommand("nautilus:submit -t LIMIT -p " + price.toPlainString() + " -v SIM -P " + portfolio
                + " -c rp-rest-" + IDS.incrementAndGet() + " -w 200 BUY " + quantity + " MSFT");
        assertTrue(out, out.contains("ACCEPTED"));
        String clientId = "rp-rest-" + IDS.get();
        Order order = oms.order(ClientOrderId.of(clientId)).orElseThrow();
        assertTrue(order.toString(), order.status().isOpen());
        return order;
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(bundleContext.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }

    private static void assertDenied(Order order, String code) {
        assertEquals(order.toString(), OrderStatus.DENIED, order.status());
        assertEquals(order.toString(), code, order.refusalCode().name());
        assertFalse(order.reason(), order.reason().isBlank());
    }
}

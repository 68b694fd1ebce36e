package org.nautilus.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

/** The trading core through the shell of the assembled distribution: orders, risk, router, book, kill switch. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TradingIT extends NautilusTestSupport {

    private static final InstrumentId MSFT = InstrumentId.of("MSFT");

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void platformIsReady() throws Exception {
        awaitReady();
    }

    @Test
    public void aRestingLimitOrderIsAmendedThenItsHistoryShowsEveryEvent() throws Exception {
        String limit = priceAwayFromBid(0.97);
        String submitted = executeCommand(
                "nautilus:submit -t LIMIT -p " + limit + " -v SIM -P t-amend -w 200 BUY 3 MSFT");
        assertTrue(submitted, submitted.contains("ACCEPTED"));
        String id = orderId(submitted);

        String amended = executeCommand("nautilus:amend -q 2 " + id);
        assertTrue(amended, amended.contains("BUY 2 MSFT"));

        String history = executeCommand("nautilus:order " + id);
        assertTrue(history,
                history.contains("SUBMITTED") && history.contains("ACCEPTED") && history.contains("UPDATED"));

        executeCommand("nautilus:cancel " + id);
        try {
            executeCommand("nautilus:amend -q 1 " + id);
            fail("amending a canceled order must be refused");
        } catch (Exception refused) {
            assertTrue(String.valueOf(refused.getCause()), String.valueOf(refused.getCause()).contains("refused"));
        }
    }

    @Test
    public void anAsynchronousSubmitCompletesOnceTheOrderIsDurableAndEveryViewSeesIt() throws Exception {
        OrderService orders = service(OrderService.class, null);
        OrderRequest request = OrderRequest.market(ClientOrderId.of("t-async-1"), PortfolioId.of("t-async"), MSFT,
                Side.BUY, Quantity.ofWhole(2));

        Order order = orders.submitAsync(request).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertTrue(order.toString(), order.status() == OrderStatus.FILLED);
        String shown = executeCommand("nautilus:order " + order.id().value());
        assertTrue(shown, shown.contains("t-async-1") && shown.contains("FILLED"));
        String audit = executeCommand("nautilus:audit -n 0 -k ORDER -s " + order.id().value());
        assertTrue(audit, audit.contains("FILL"));
        Order again = orders.submitAsync(request).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue("a repeated client order id returns the same order: " + again, again.id().equals(order.id()));
    }

    @Test
    public void theBookShowsDepthAndTheRouterExplainsItsDecision() throws Exception {
        String book = executeCommand("nautilus:book SIM MSFT");
        assertTrue(book, book.contains("BID") && book.contains("ASK"));

        String routed = executeCommand("nautilus:submit -P t-router BUY 5 MSFT");
        assertTrue(routed, routed.contains("FILLED"));
        String decisions = executeCommand("nautilus:router -n 5");
        assertTrue(decisions, decisions.contains("MSFT") && decisions.contains("SIM"));
    }

    @Test
    public void aHaltDeniesNewOrdersAndCancelsTheOpenOnes() throws Exception {
        String resting = executeCommand("nautilus:submit -t LIMIT -p " + priceAwayFromBid(0.97)
                + " -v SIM -P t-halt -w 200 BUY 1 MSFT");
        String id = orderId(resting);
        try {
            String halted = executeCommand("nautilus:trading-state -r itest HALTED");
            assertTrue(halted, halted.contains("HALTED") && halted.contains("canceled "));
            String denied = executeCommand("nautilus:submit -v SIM -P t-halt BUY 1 MSFT");
            assertTrue(denied, denied.contains("DENIED") && denied.contains("kill-switch"));
            String order = await("the open order canceled by the halt", Duration.ofSeconds(30),
                    () -> executeCommand("nautilus:order " + id), out -> out.contains("CANCELED"));
            assertTrue(order, order.contains("CANCELED"));
        } finally {
            executeCommand("nautilus:trading-state ACTIVE");
        }
        String states = executeCommand("nautilus:trading-state");
        assertTrue(states, states.contains("ACTIVE"));
    }

    @Test
    public void aBracketPlacesItsEntryAndBothExits() throws Exception {
        BigDecimal ask = quote().ask().toBigDecimal();
        String takeProfit = ask.multiply(new BigDecimal("1.03")).setScale(2, RoundingMode.DOWN).toPlainString();
        String stopLoss = ask.multiply(new BigDecimal("0.97")).setScale(2, RoundingMode.DOWN).toPlainString();
        String placed = executeCommand("nautilus:bracket -v SIM -P t-bracket -c itest-br BUY 2 MSFT "
                + takeProfit + " " + stopLoss);
        assertTrue(placed, placed.contains("itest-br-entry") && placed.contains("itest-br-tp")
                && placed.contains("itest-br-sl"));
        String orders = executeCommand("nautilus:orders");
        assertTrue(orders, orders.contains("itest-br-entry"));
    }

    @Test
    public void riskMetricsShowExposureAndVarForAPortfolioWithAPosition() throws Exception {
        executeCommand("nautilus:submit -v SIM -P t-risk BUY 10 MSFT");
        String risk = await("risk metrics for t-risk", Duration.ofSeconds(30),
                () -> executeCommand("nautilus:risk -P t-risk"), out -> out.contains("t-risk"));
        assertTrue(risk, risk.contains("GROSS") && risk.contains("VaR HIST") && risk.contains("95%"));
    }

    private Quote quote() throws Exception {
        MarketDataService marketData = service(MarketDataService.class, null);
        return await("a quote for MSFT", STARTUP, () -> marketData.lastQuote(MSFT), Optional::isPresent).orElseThrow();
    }

    /** A limit price {@code factor} times the bid: inside the 5 % collar, away enough not to fill. */
    private String priceAwayFromBid(double factor) throws Exception {
        return quote().bid().toBigDecimal().multiply(BigDecimal.valueOf(factor)).setScale(2, RoundingMode.DOWN)
                .toPlainString();
    }

    private static String orderId(String submitted) {
        int start = submitted.indexOf("Order ");
        assertTrue(submitted, start >= 0);
        return submitted.substring(start + 6).split("\\s")[0];
    }
}

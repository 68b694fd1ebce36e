package org.nautilus.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The controls of plugins-risk in the assembled distribution, each denying with its code and numbers: credit limit,
 * concentration, amend and cancel throttles, fill rate alarm, restricted list, stale market data, venue pre-entry
 * checks. Each scenario tightens its own rule through the configuration a user would edit (config:property-set, the
 * venue's cfg file), trades in a portfolio of its own, and puts the loose default back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MarketAccessControlsIT extends NautilusTestSupport {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final Duration CONFIG = Duration.ofSeconds(30);

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void ready() throws Exception {
        awaitReady();
        await("the new rules in nautilus:risk-rules", STARTUP, () -> executeCommand("nautilus:risk-rules"),
                out -> out.contains("credit-limit") && out.contains("concentration")
                        && out.contains("amend-cancel-rate") && out.contains("fill-rate")
                        && out.contains("restricted-list") && out.contains("market-data-age")
                        && out.contains("venue-session"));
        MarketDataService marketData = service(MarketDataService.class, null);
        await("a quote for AAPL", STARTUP, () -> marketData.lastQuote(AAPL), Optional::isPresent);
    }

    @Test
    public void theCreditLimitCountsPositionsAndWorkingOrders() throws Exception {
        try {
            setProperties("nautilus.risk.credit_limit", "portfolio.itest-credit.credit.limit", "5000");
            awaitRules("itest-credit: 5000");
            // About 1,800 working, then about 3,800 more at the market: over 5,000 only with the working order.
            String first = submit("-P itest-credit -t LIMIT -p " + priceAwayFromBid(0.97) + " BUY 10 AAPL");
            assertTrue(first, !first.contains("DENIED"));
            String denied = submit("-P itest-credit BUY 20 AAPL");
            assertTrue(denied, denied.contains("DENIED") && denied.contains("[CREDIT_LIMIT]") && denied.contains(
                    "credit limit 5000 of portfolio itest-credit exceeded: positions 0 + working orders "));
        } finally {
            executeCommand("config:property-delete -p nautilus.risk.credit_limit portfolio.itest-credit.credit.limit");
        }
    }

    @Test
    public void concentrationDeniesOneInstrumentOverItsShareOfEquity() throws Exception {
        try {
            setProperties("nautilus.risk.concentration", "max.percent", "0.1");
            awaitRules("concentration at most 0.1% of equity");
            String denied = submit("-P itest-concentration BUY 10 AAPL");
            assertTrue(denied, denied.contains("DENIED") && denied.contains("[CONCENTRATION]")
                    && denied.contains("concentration 0.1% of equity 1000000 exceeded: AAPL would be "));
        } finally {
            setProperties("nautilus.risk.concentration", "max.percent", "400");
        }
    }

    @Test
    public void amendsAndCancelsBeyondTheirThrottleAreRefusedAndTheOrderKeepsWorking() throws Exception {
        try {
            setProperties("nautilus.risk.amend_cancel_rate", "window.ms", "60000", "max.amends", "1",
                    "max.cancels", "1");
            awaitRules("amends 1 and cancels 1 per 60000 ms");
            String a = orderId(submit("-P itest-throttle -t LIMIT -p " + priceAwayFromBid(0.97) + " BUY 1 AAPL"));
            String b = orderId(submit("-P itest-throttle -t LIMIT -p " + priceAwayFromBid(0.97) + " BUY 2 AAPL"));
            executeCommand("nautilus:amend -p " + priceAwayFromBid(0.96) + " " + a);
            // The order's first line has its status (the event table below lists PENDING_UPDATE as history).
            await("the amend answered", CONFIG, () -> executeCommand("nautilus:order " + a).lines().findFirst()
                    .orElse(""), first -> !first.contains("PENDING_UPDATE"));
            String amendRefused = refusal("nautilus:amend -p " + priceAwayFromBid(0.965) + " " + a);
            assertTrue(amendRefused, amendRefused.contains("[AMEND_RATE]")
                    && amendRefused.contains("amend rate 1 per 60000 ms of portfolio itest-throttle exceeded: 2"));
            executeCommand("nautilus:cancel " + a);
            String cancelRefused = refusal("nautilus:cancel " + b);
            assertTrue(cancelRefused, cancelRefused.contains("[CANCEL_RATE]")
                    && cancelRefused.contains("cancel rate 1 per 60000 ms of portfolio itest-throttle exceeded: 2"));
            String order = executeCommand("nautilus:order " + b);
            assertTrue(order, order.lines().findFirst().orElse("").contains(": ACCEPTED")
                    && !order.contains("PENDING_CANCEL"));
        } finally {
            setProperties("nautilus.risk.amend_cancel_rate", "max.amends", "100", "max.cancels", "1000",
                    "window.ms", "1000");
        }
    }

    @Test
    public void theFillRateAlarmIsAuditedAndWithActionDenyDeniesThePortfolio() throws Exception {
        try {
            setProperties("nautilus.risk.fill_rate", "window.ms", "60000", "action", "deny", "max.fills", "1");
            awaitRules("fill rate alarm above 1 fills per 60000 ms per portfolio, action deny");
            submit("-P itest-fills BUY 1 AAPL");
            submit("-P itest-fills BUY 2 AAPL"); // not the same order again: the duplicate check would deny it
            String audit = await("the alarm in the audit journal", CONFIG,
                    () -> executeCommand("nautilus:audit -k RISK"), out -> out.contains("FILL_RATE_ALARM"));
            assertTrue(audit, audit.contains("itest-fills"));
            String denied = submit("-P itest-fills BUY 3 AAPL");
            assertTrue(denied, denied.contains("DENIED") && denied.contains("[FILL_RATE]")
                    && denied.contains("fill rate 1 per 60000 ms of portfolio itest-fills exceeded: "));
            String metrics = executeCommand("nautilus:metrics nautilus_risk_fill_rate");
            assertTrue(metrics, metrics.contains("nautilus_risk_fill_rate_alarms_total"));
        } finally {
            setProperties("nautilus.risk.fill_rate", "max.fills", "200", "action", "alarm", "window.ms", "1000");
        }
    }

    @Test
    public void aRestrictedSymbolIsDeniedWithItsOwnCodeAndTheListChangesAtRuntime() throws Exception {
        try {
            setProperties("nautilus.risk.restricted_list", "symbols", "MSFT");
            awaitRules("restricted symbols: MSFT");
            String denied = submit("-P itest-restricted BUY 1 MSFT");
            assertTrue(denied, denied.contains("DENIED") && denied.contains("[RESTRICTED_SYMBOL]")
                    && denied.contains("MSFT is restricted (compliance restricted list)"));
        } finally {
            setProperties("nautilus.risk.restricted_list", "symbols", "");
        }
        awaitRules("restricted symbols: none");
        String allowed = submit("-P itest-restricted BUY 1 MSFT");
        assertTrue(allowed, !allowed.contains("DENIED"));
    }

    @Test
    public void aMarketOrderOnAStaleQuoteIsDenied() throws Exception {
        try {
            setProperties("nautilus.risk.market_data_age", "max.quote.age.ms", "1");
            awaitRules("need a quote at most 1 ms old");
            // The simulated feed quotes every 100 ms: a quote is almost always older than 1 ms when an order comes.
            int[] quantity = {0};
            String denied = await("a STALE_MARKET_DATA denial", CONFIG,
                    () -> submit("-P itest-stale BUY " + ++quantity[0] + " AAPL"),
                    out -> out.contains("[STALE_MARKET_DATA]"));
            assertTrue(denied, denied.contains("DENIED") && denied.contains("the last quote of AAPL is ")
                    && denied.contains("ms old (at most 1 ms): a MARKET order needs a fresh reference"));
        } finally {
            setProperties("nautilus.risk.market_data_age", "max.quote.age.ms", "120000");
        }
    }

    @Test
    public void theVenueSaysWhatItTakesAndWhenAndTheVenueCheckDeniesTheRest() throws Exception {
        Path cfg = Path.of(System.getProperty("karaf.etc"), "nautilus.venue.simulated-SIMB.cfg");
        String original = Files.readString(cfg);
        try {
            Files.writeString(cfg, original.replaceAll("(?m)^order\\.types\\s*=.*$", "order.types = LIMIT"));
            await("SIMB taking LIMIT orders only", CONFIG, () -> executeCommand("nautilus:venues"),
                    out -> out.contains("types [LIMIT]"));
            String type = submit("-P itest-venue -v SIMB BUY 1 AAPL");
            assertTrue(type, type.contains("DENIED") && type.contains("[VENUE_ORDER_TYPE]")
                    && type.contains("venue SIMB does not accept MARKET orders (accepts [LIMIT])"));

            // A session that opened an hour from now: closed.
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
            String session = now.plusHours(1).format(hhmm) + "-" + now.plusHours(2).format(hhmm) + " UTC";
            Files.writeString(cfg, original.replaceAll("(?m)^trading\\.hours\\s*=.*$", "trading.hours = " + session));
            await("SIMB's trading hours", CONFIG, () -> executeCommand("nautilus:venues"),
                    out -> out.contains("hours " + session));
            String closed = submit("-P itest-venue -v SIMB BUY 1 AAPL");
            assertTrue(closed, closed.contains("DENIED") && closed.contains("[VENUE_CLOSED]")
                    && closed.contains("venue SIMB is closed at ") && closed.contains(session));
            String routed = submit("-P itest-venue BUY 1 AAPL");
            assertTrue("SIM is open: a routed order goes there\n" + routed, !routed.contains("DENIED"));
        } finally {
            Files.writeString(cfg, original);
        }
    }

    /**
     * One configuration update for all the pairs: property-sets in a row race with the file install writing each
     * back to the .cfg file, and one of them was lost.
     */
    private void setProperties(String pid, String... keysAndValues) throws Exception {
        StringBuilder script = new StringBuilder("config:edit " + pid);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            script.append("; config:property-set ").append(keysAndValues[i]).append(" \"").append(keysAndValues[i + 1])
                    .append('"');
        }
        executeCommand(script.append("; config:update").toString());
    }

    private void awaitRules(String text) throws Exception {
        await("'" + text + "' in nautilus:risk-rules", CONFIG, () -> executeCommand("nautilus:risk-rules"),
                out -> out.contains(text));
    }

    private String submit(String arguments) throws Exception {
        return executeCommand("nautilus:submit " + arguments);
    }

    /** The message of a command the platform refuses (the shell command fails with it). */
    private String refusal(String command) {
        try {
            String out = executeCommand(command);
            fail("expected " + command + " to be refused, it printed: " + out);
            return out;
        } catch (Exception e) {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            return messages.toString();
        }
    }

    /** A limit price {@code factor} times the bid: inside the 5 % collar, away enough not to fill. */
    private String priceAwayFromBid(double factor) throws Exception {
        MarketDataService marketData = service(MarketDataService.class, null);
        Quote quote = marketData.lastQuote(AAPL).orElseThrow();
        return quote.bid().toBigDecimal().multiply(BigDecimal.valueOf(factor)).setScale(2, RoundingMode.DOWN)
                .toPlainString();
    }

    private static String orderId(String submitted) {
        int start = submitted.indexOf("Order ");
        assertTrue(submitted, start >= 0);
        return submitted.substring(start + 6).split("\\s")[0];
    }
}

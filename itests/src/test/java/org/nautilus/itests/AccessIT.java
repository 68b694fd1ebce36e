package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Users, roles, audit and metrics in the assembled distribution: each role's nautilus:* commands allowed and
 * refused by etc/org.apache.karaf.command.acl.nautilus.cfg, the audit journal naming who did what through which
 * channel, and an order moving its counters in the Prometheus text.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccessIT extends NautilusTestSupport {

    private static final String[] VIEWER = {"viewer", "ssh"};
    private static final String[] TRADER = {"trader", "viewer", "ssh"};
    private static final String[] RISK = {"risk", "viewer", "ssh"};

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void platformIsReady() throws Exception {
        awaitReady();
    }

    @Test
    public void aViewerReadsButCannotTradeHaltOrTouchRoutes() throws Exception {
        assertTrue(executeCommandAs("vera", "nautilus:orders", VIEWER).contains("ID"));
        assertTrue(executeCommandAs("vera", "nautilus:trading-state", VIEWER).contains("global"));
        assertTrue(executeCommandAs("vera", "nautilus:metrics karaf_bundles", VIEWER).contains("karaf_bundles"));
        refused("vera", "nautilus:submit -v SIM BUY 1 AAPL", VIEWER);
        refused("vera", "nautilus:cancel 1", VIEWER);
        refused("vera", "nautilus:trading-state -r test HALTED", VIEWER);
        refused("vera", "nautilus:route-stop replay-bitstamp", VIEWER);
        refused("vera", "nautilus:audit -f CSV -o /tmp/nautilus-itest-audit.csv", VIEWER);
    }

    @Test
    public void aTraderTradesButCannotHaltAndTheAuditNamesHim() throws Exception {
        String submitted = executeCommandAs("tom", "nautilus:submit -v SIM -P access BUY 2 AAPL", TRADER);
        assertTrue(submitted, submitted.contains("FILLED"));
        String id = submitted.replaceAll("(?s)^Order (\\d+).*", "$1").trim();
        refused("tom", "nautilus:trading-state HALTED", TRADER);
        refused("tom", "nautilus:route-start replay-bitstamp", TRADER);

        String actions = executeCommand("nautilus:audit -k ACTION -s " + id);
        assertTrue(actions, actions.contains("SUBMIT") && actions.contains("tom@SHELL"));
        String json = executeCommand("nautilus:audit -k ACTION -s " + id + " -f JSON_LINES");
        assertTrue(json, json.contains("\"user\":\"tom\"") && json.contains("\"channel\":\"SHELL\""));
    }

    @Test
    public void riskHaltsAndResumesAndAnAdminRunsRoutes() throws Exception {
        try {
            String halted = executeCommandAs("rita", "nautilus:trading-state -P access-risk -r drill HALTED", RISK);
            assertTrue(halted, halted.contains("HALTED"));
            refused("rita", "nautilus:submit -v SIM BUY 1 AAPL", RISK);
            refused("rita", "nautilus:route-stop replay-bitstamp", RISK);
            String who = executeCommand("nautilus:audit -k ACTION -s access-risk");
            assertTrue(who, who.contains("TRADING_STATE") && who.contains("rita@SHELL"));
        } finally {
            executeCommandAs("rita", "nautilus:trading-state -P access-risk ACTIVE", RISK);
        }
        String stopped = executeCommandAs("ada", "nautilus:route-stop replay-bitstamp", "admin", "viewer", "ssh");
        assertTrue(stopped, stopped.contains("replay-bitstamp"));
        assertTrue(executeCommand("nautilus:audit -k ACTION -s replay-bitstamp").contains("ada@SHELL"));
    }

    @Test
    public void anOrderMovesItsCountersInThePrometheusText() throws Exception {
        double filledBefore = value(executeCommand("nautilus:metrics nautilus_orders_total"),
                "nautilus_orders_total{outcome=\"FILLED\"}");
        double deniedBefore = value(executeCommand("nautilus:metrics nautilus_order_rejections_total"),
                "nautilus_order_rejections_total{code=\"MAX_ORDER_QUANTITY\"}");
        executeCommand("nautilus:submit -v SIM -P metrics BUY 3 MSFT");
        executeCommand("nautilus:submit -v SIM -P metrics BUY 5000 MSFT");

        String text = await("the order counters to move", STARTUP, () -> executeCommand("nautilus:metrics"),
                t -> value(t, "nautilus_orders_total{outcome=\"FILLED\"}") >= filledBefore + 1
                        && value(t, "nautilus_order_rejections_total{code=\"MAX_ORDER_QUANTITY\"}") >= deniedBefore + 1);
        assertTrue(value(text, "nautilus_fills_total") >= 1);
        assertTrue(value(text, "nautilus_order_ack_seconds_count") >= 1);
        assertTrue(text, text.contains("nautilus_order_ack_seconds_bucket{le="));
        assertTrue(value(text, "nautilus_store_group_commits_total") >= 1);
        assertTrue(value(text, "karaf_bundles{state=\"active\"}") > 50);
        assertEquals(1.0, value(text, "nautilus_oms_leader"), 0.0);
        assertTrue(text, text.contains("jvm_memory_used_bytes{area=\"heap\"") && text.contains("jvm_threads_live_threads"));
        assertTrue(text, text.contains("nautilus_route_exchanges_total{route=\"simulated-market\"}"));
        assertTrue(text, text.contains("nautilus_marketdata_quotes_total{instrument=\"AAPL\"}"));
        assertTrue(text, text.contains("nautilus_marketdata_delivered_total{subscriber="));
        assertTrue(text, text.contains("nautilus_risk_denials_total{rule=\"max-order-quantity\"}"));
    }

    /** The sample's value (the first line starting with {@code series}), 0 if absent. */
    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*\\})? ([-0-9.Ee+]+)").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private void refused(String user, String command, String... roles) {
        try {
            String out = executeCommandAs(user, command, roles);
            fail(user + " with " + String.join(",", roles) + " ran '" + command + "':\n" + out);
        } catch (Exception e) {
            StringBuilder why = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                why.append(t).append('\n');
            }
            assertTrue(command + ": " + why, why.toString().contains("Insufficient credentials")
                    || why.toString().contains("Command not found"));
        }
    }
}

package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.oms.OrderService;
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
        List<Option> options = new ArrayList<>(List.of(distribution()));
        options.add(user("vera", "viewers"));
        options.add(user("tom", "traders"));
        options.add(user("rita", "riskgroup"));
        options.add(user("ada", "admingroup"));
        return options.toArray(Option[]::new);
    }

    /** A user with the password NAME-password in the given group of etc/users.properties. */
    private static Option user(String name, String group) {
        return editConfigurationFilePut("etc/users.properties", name, passwordLine(name + "-password", group));
    }

    @Before
    public void platformIsReady() throws Exception {
        awaitReady();
    }

    @Test
    public void aViewerReadsButCannotTradeHaltOrTouchRoutes() throws Exception {
        String rules = executeCommandAs("vera", "nautilus:risk-rules", VIEWER);
        assertTrue(rules, rules.contains("max-order-quantity"));
        executeCommandAs("vera", "nautilus:trading-state", VIEWER);
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
                        && value(t, "nautilus_order_rejections_total{code=\"MAX_ORDER_QUANTITY\"}") >= deniedBefore
                                + 1);
        assertTrue(value(text, "nautilus_fills_total") >= 1);
        assertTrue(value(text, "nautilus_order_ack_seconds_count") >= 1);
        assertTrue(text, text.contains("nautilus_order_ack_seconds_bucket{le="));
        assertTrue(value(text, "nautilus_store_group_commits_total") >= 1);
        assertTrue(value(text, "karaf_bundles{state=\"active\"}") > 50);
        assertEquals(1.0, value(text, "nautilus_oms_leader"), 0.0);
        assertTrue(text,
                text.contains("jvm_memory_used_bytes{area=\"heap\"") && text.contains("jvm_threads_live_threads"));
        assertTrue(text, text.contains("nautilus_route_exchanges_total{route=\"simulated-market\"}"));
        assertTrue(text, text.contains("nautilus_marketdata_quotes_total{instrument=\"AAPL\"}"));
        assertTrue(text, text.contains("nautilus_marketdata_delivered_total{subscriber="));
        assertTrue(text, text.contains("nautilus_risk_denials_total{rule=\"max-order-quantity\"}"));
    }

    // ---- HTTP: the same roles on /api/v1, Basic and bearer tokens, 401/403 with the error body -------------------

    @Test
    public void overHttpEachRoleIsAllowedItsOwnAndRefusedTheRest() throws Exception {
        awaitHttp();
        Reply live = http("GET", "/health/live", null, null);
        assertEquals(live.body, 200, live.status);
        Reply anonymous = http("GET", "/api/v1/orders", null, null);
        assertEquals(anonymous.body, 401, anonymous.status);
        assertTrue(anonymous.body, anonymous.body.contains("\"code\":\"UNAUTHENTICATED\""));
        Reply unknownPath = http("GET", "/api/v1/no-such-thing", null, null);
        assertEquals("an unknown path reveals nothing without credentials", 401, unknownPath.status);
        Reply wrong = http("GET", "/api/v1/orders", null, basic("tom", "not-his-password"));
        assertEquals(401, wrong.status);
        assertTrue(wrong.body, wrong.body.contains("wrong user name or password"));

        assertEquals(200, http("GET", "/api/v1/orders", null, basic("vera", "vera-password")).status);
        long before = orderCount();
        Reply viewerOrder = http("POST", "/api/v1/orders", ORDER, basic("vera", "vera-password"));
        assertEquals(viewerOrder.body, 403, viewerOrder.status);
        assertTrue(viewerOrder.body, viewerOrder.body.contains("\"code\":\"FORBIDDEN\"")
                && viewerOrder.body.contains("trader"));
        Reply viewerBatch = http("POST", "/api/v1/orders:batch", "{\"orders\":[" + ORDER + "]}",
                basic("vera", "vera-password"));
        assertEquals(viewerBatch.body, 403, viewerBatch.status);
        Reply anonymousOrder = http("POST", "/api/v1/orders", ORDER, null);
        assertEquals(anonymousOrder.body, 401, anonymousOrder.status);
        assertTrue(anonymousOrder.body, anonymousOrder.body.contains("\"code\":\"UNAUTHENTICATED\""));
        assertEquals("a refused order changes nothing", before, orderCount());

        Reply token = http("POST", "/api/v1/tokens", null, basic("tom", "tom-password"));
        assertEquals(token.body, 200, token.status);
        String bearer = "Bearer " + token.body.replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
        Reply traderOrder = http("POST", "/api/v1/orders", ORDER, bearer);
        assertEquals(traderOrder.body, 201, traderOrder.status);
        Reply traderHalt = http("PUT", "/api/v1/trading-state", HALT, bearer);
        assertEquals(traderHalt.body, 403, traderHalt.status);
        Reply forged = http("GET", "/api/v1/orders", null, bearer.substring(0, bearer.length() - 3) + "AAA");
        assertEquals(401, forged.status);
        Reply renewed = http("POST", "/api/v1/tokens", null, bearer);
        assertEquals("a token does not renew itself", 401, renewed.status);

        try {
            Reply halted = http("PUT", "/api/v1/trading-state", HALT, basic("rita", "rita-password"));
            assertEquals(halted.body, 200, halted.status);
        } finally {
            http("PUT", "/api/v1/trading-state", RESUME, basic("rita", "rita-password"));
        }
        Reply riskRoute = http("POST", "/api/v1/routes/replay-eth-5m/stop", null, basic("rita", "rita-password"));
        assertEquals(403, riskRoute.status);
        Reply adminRoute = http("POST", "/api/v1/routes/replay-eth-5m/stop", null, basic("ada", "ada-password"));
        assertEquals(adminRoute.body, 200, adminRoute.status);

        // HTTP actions are recorded by the filter's own thread right after the response.
        await("the HTTP actions in the audit journal", STARTUP,
                () -> executeCommand("nautilus:audit -k ACTION -n 0 -f CSV"),
                who -> who.contains("POST,/api/v1/orders") && who.contains("PUT,/api/v1/trading-state")
                        && who.contains("POST,/api/v1/routes/replay-eth-5m/stop"));
        String json = executeCommand("nautilus:audit -k ACTION -n 0 -f JSON_LINES");
        assertTrue(json, json.contains("\"user\":\"tom\"") && json.contains("\"channel\":\"HTTP\"")
                && json.contains("\"user\":\"rita\""));
        // Refused attempts are recorded too (rate-limited): vera's order, tom's halt.
        await("the refused HTTP attempts in the audit journal", STARTUP,
                () -> executeCommand("nautilus:audit -k ACTION -n 0 -f CSV"),
                who -> who.contains("REFUSED,POST /api/v1/orders")
                        && who.contains("REFUSED,PUT /api/v1/trading-state"));

        // The probes are open, the detail behind them is not.
        assertEquals(200, http("GET", "/health/ready", null, null).status);
        Reply detailAnonymous = http("GET", "/health", null, null);
        assertEquals(detailAnonymous.body, 401, detailAnonymous.status);
        Reply detail = http("GET", "/health", null, basic("vera", "vera-password"));
        assertTrue(detail.body, detail.body.contains("\"name\":\"oms\""));
    }

    @Test
    public void metricsAndTheDeskPageAreServed() throws Exception {
        awaitHttp();
        assertEquals(401, http("GET", "/metrics", null, null).status);
        Reply metrics = http("GET", "/metrics", null, basic("vera", "vera-password"));
        assertEquals(200, metrics.status);
        assertTrue(metrics.body, metrics.body.contains("# TYPE nautilus_orders_total counter")
                && metrics.body.contains("jvm_memory_used_bytes"));
        Reply page = http("GET", "/desk/index.html", null, null);
        assertEquals(200, page.status);
        assertTrue(page.body, page.body.contains("Nautilus desk"));
        assertEquals(200, http("GET", "/desk/lib/chart.umd.js", null, null).status);
        Reply traversal = http("GET", "/desk/../../etc/users.properties", null, null);
        assertTrue(traversal.status + " " + traversal.body,
                traversal.status >= 400 && !traversal.body.contains("admingroup"));
    }

    private static final String ORDER = "{\"symbol\":\"AAPL\",\"side\":\"BUY\",\"type\":\"MARKET\",\"quantity\":1,"
            + "\"venue\":\"SIM\",\"portfolio\":\"http-access\"}";
    private static final String HALT = "{\"state\":\"HALTED\",\"reason\":\"drill\",\"portfolio\":\"http-access\"}";
    private static final String RESUME = "{\"state\":\"ACTIVE\",\"reason\":\"drill over\",\"portfolio\":\"http-access\"}";

    private record Reply(int status, String body) {
    }

    private long orderCount() throws Exception {
        return service(OrderService.class, null).orders().size();
    }

    private void awaitHttp() throws Exception {
        await("the HTTP API", STARTUP, () -> http("GET", "/api/v1/orders", null, basic("ada", "ada-password")).status,
                status -> status == 200);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** One request to this node's HTTP port (etc/org.ops4j.pax.web.cfg). */
    private static Reply http(String method, String path, String json, String authorization) throws Exception {
        Properties web = new Properties();
        try (var in = Files.newInputStream(Path.of(System.getProperty("karaf.etc"), "org.ops4j.pax.web.cfg"))) {
            web.load(in);
        }
        String port = web.getProperty("org.osgi.service.http.port", "8181").trim();
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(5000);
        c.setReadTimeout(30000);
        if (authorization != null) {
            c.setRequestProperty("Authorization", authorization);
        }
        if (json != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Reply(status, body);
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

package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The REST API of the assembled distribution over real HTTP (java.net.http, keep-alive): orders, the error shape
 * for every kind of bad input, the OpenAPI document against what the server answers, server-sent order events, and
 * readiness following the OMS. The last test (z...) stops and restarts the OMS bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class RestApiIT extends NautilusTestSupport {

    private static final String BASE = "http://127.0.0.1:" + HTTP_PORT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void platformIsReady() throws Exception {
        awaitReady();
        await("GET /health/ready 200", STARTUP, () -> get("/health/ready").statusCode(), status -> status == 200);
    }

    // --- orders ---------------------------------------------------------------------------------------------

    @Test
    public void aSubmitAmendsCancelsAndAResubmitWithTheSameKeyReturnsTheSameOrder() throws Exception {
        String key = "it-" + UUID.randomUUID();
        String limit = priceAwayFromBid("MSFT", "0.97");
        String body = "{\"portfolio\":\"it-rest\",\"symbol\":\"MSFT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":3,"
                + "\"limitPrice\":\"" + limit + "\",\"venue\":\"SIM\"}";
        HttpResponse<String> created = post("/api/v1/orders", body, Map.of("Idempotency-Key", key));
        assertEquals(created.body(), 201, created.statusCode());
        JsonNode order = JSON.readTree(created.body());
        String id = order.get("id").asText();
        assertEquals(key, order.get("clientOrderId").asText());
        assertEquals("3", order.get("quantity").asText());
        assertEquals("/api/v1/orders/" + id, URI.create(created.headers().firstValue("Location").orElseThrow())
                .getPath());

        HttpResponse<String> again = post("/api/v1/orders", body, Map.of("Idempotency-Key", key));
        assertEquals(again.body(), 200, again.statusCode());
        assertEquals(id, JSON.readTree(again.body()).get("id").asText());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals("one order for the key", 1,
                JSON.readTree(get("/api/v1/orders?portfolio=it-rest&limit=1000").body()).get("items")
                        .findValues("clientOrderId")
                        .stream().filter(v -> v.asText().equals(key)).count());

        await("order " + id + " ACCEPTED", STARTUP, () -> JSON.readTree(get("/api/v1/orders/" + id).body()),
                o -> o.get("status").asText().equals("ACCEPTED"));
        HttpResponse<String> amended = post("/api/v1/orders/" + id + "/amend", "{\"quantity\":\"2\"}", Map.of());
        assertEquals(amended.body(), 200, amended.statusCode());
        await("order " + id + " amended to 2", STARTUP, () -> JSON.readTree(get("/api/v1/orders/" + id).body()),
                o -> o.get("quantity").asText().equals("2"));

        HttpResponse<String> canceled = send(HttpRequest.newBuilder(uri("/api/v1/orders/" + id)).DELETE());
        assertEquals(canceled.body(), 200, canceled.statusCode());
        await("order " + id + " CANCELED", STARTUP, () -> JSON.readTree(get("/api/v1/orders/" + id).body()),
                o -> o.get("status").asText().equals("CANCELED"));
        assertError(post("/api/v1/orders/" + id + "/amend", "{\"quantity\":\"1\"}", Map.of()), 409, "ORDER_TERMINAL",
                null);
        assertError(send(HttpRequest.newBuilder(uri("/api/v1/orders/" + id)).DELETE()), 409, "ORDER_TERMINAL", null);

        JsonNode events = JSON.readTree(get("/api/v1/orders/" + id + "/events").body());
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("type").asText()));
        assertTrue(types.toString(), types.containsAll(List.of("SUBMITTED", "ACCEPTED", "UPDATED", "CANCELED")));
        assertError(get("/api/v1/orders/999999999"), 404, "UNKNOWN_ORDER", "orderId");
        assertError(get("/api/v1/orders/abc"), 400, "INVALID_PARAMETER", "orderId");
    }

    @Test
    public void aRiskDenialIsA422WithTheRulesCodeAndTheOrdersId() throws Exception {
        HttpResponse<String> denied = post("/api/v1/orders",
                "{\"portfolio\":\"it-rest-risk\",\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":5000}", Map.of());
        JsonNode error = assertError(denied, 422, null, null);
        // 5,000 exceeds max-order-quantity (1,000), and its notional may exceed max-notional: either rule's code.
        String code = error.get("code").asText();
        assertTrue(error.toString(), code.equals("MAX_ORDER_QUANTITY") || code.equals("MAX_NOTIONAL"));
        assertFalse("the code is a field, not a suffix of the message: " + error,
                error.get("message").asText().endsWith("]"));
        String orderId = error.get("orderId").asText();
        JsonNode order = JSON.readTree(get("/api/v1/orders/" + orderId).body());
        assertEquals("DENIED", order.get("status").asText());
        assertEquals("the order keeps the code the 422 gave", code, order.get("rejectCode").asText());
    }

    @Test
    public void aBatchAnswersEachOrderOnItsOwnInTheBatchsOrder() throws Exception {
        String key = "it-batch-" + UUID.randomUUID();
        String batch = "{\"orders\":["
                + "{\"clientOrderId\":\"" + key
                + "-1\",\"portfolio\":\"it-batch\",\"symbol\":\"MSFT\",\"side\":\"BUY\","
                + "\"quantity\":1},"
                + "{\"clientOrderId\":\"" + key
                + "-2\",\"portfolio\":\"it-batch\",\"symbol\":\"MSFT\",\"side\":\"BUY\","
                + "\"quantity\":5000},"
                + "{\"clientOrderId\":\"" + key
                + "-3\",\"portfolio\":\"it-batch\",\"symbol\":\"NOSUCH\",\"side\":\"BUY\","
                + "\"quantity\":1}]}";
        int before = orderCount();
        HttpResponse<String> answer = post("/api/v1/orders:batch", batch, Map.of());
        assertEquals(answer.body(), 200, answer.statusCode());
        JsonNode results = JSON.readTree(answer.body()).get("results");
        assertEquals(answer.body(), 3, results.size());
        assertEquals(answer.body(), 201, results.get(0).get("status").asInt());
        assertEquals(key + "-1", results.get(0).get("order").get("clientOrderId").asText());
        assertEquals(answer.body(), 422, results.get(1).get("status").asInt());
        assertEquals("the denied order exists, DENIED", "DENIED", JSON.readTree(get("/api/v1/orders/"
                + results.get(1).get("error").get("orderId").asText()).body()).get("status").asText());
        assertEquals(answer.body(), "UNKNOWN_SYMBOL", results.get(2).get("error").get("code").asText());
        assertEquals(answer.body(), "orders[2].symbol", results.get(2).get("error").get("field").asText());
        assertEquals("the unknown symbol created nothing", before + 2, orderCount());
        assertError(post("/api/v1/orders:batch", batch, Map.of("Idempotency-Key", key)), 400,
                "IDEMPOTENCY_KEY_ON_BATCH", null);
        HttpResponse<String> again = post("/api/v1/orders:batch", batch, Map.of());
        assertEquals(again.body(), 200, JSON.readTree(again.body()).get("results").get(0).get("status").asInt());
        assertEquals("a resubmitted batch creates nothing", before + 2, orderCount());
    }

    // --- bad input ------------------------------------------------------------------------------------------

    @Test
    public void badInputGetsSpecificErrorsChangesNothingAndTheNodeStaysReady() throws Exception {
        int before = orderCount();
        String good = "{\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":1}";
        assertError(post("/api/v1/orders", "{\"symbol\":\"MSFT\",", Map.of()), 400, "MALFORMED_JSON", null);
        assertError(post("/api/v1/orders", "{\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":1,\"colour\":1}",
                Map.of()), 400, "UNKNOWN_FIELD", "colour");
        assertError(post("/api/v1/orders", "{\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":\"lots\"}", Map.of()),
                400, "WRONG_TYPE", "quantity");
        assertError(post("/api/v1/orders", "{\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":[1]}", Map.of()),
                400, "WRONG_TYPE", "quantity");
        assertError(post("/api/v1/orders", "{\"symbol\":\"MSFT\",\"side\":\"LONG\",\"quantity\":1}", Map.of()),
                400, "WRONG_TYPE", "side");
        assertError(post("/api/v1/orders", "{\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":-5}", Map.of()),
                400, "INVALID_QUANTITY", "quantity");
        assertError(post("/api/v1/orders", "{\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":1e30}", Map.of()),
                400, "INVALID_VALUE", "quantity");
        assertError(post("/api/v1/orders", "{\"symbol\":\"NOSUCH\",\"side\":\"BUY\",\"quantity\":1}", Map.of()),
                422, "UNKNOWN_SYMBOL", "symbol");
        assertError(post("/api/v1/orders", "{\"side\":\"BUY\",\"quantity\":1}", Map.of()), 400, "MISSING_FIELD",
                "symbol");
        assertError(send(HttpRequest.newBuilder(uri("/api/v1/orders")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(good))), 415, "UNSUPPORTED_MEDIA_TYPE", null);
        String megabyte = "{\"symbol\":\"" + "M".repeat(1024 * 1024) + "\",\"side\":\"BUY\",\"quantity\":1}";
        assertError(post("/api/v1/orders", megabyte, Map.of()), 413, "BODY_TOO_LARGE", null);
        String key = "it-bad-" + UUID.randomUUID();
        HttpResponse<String> first = post("/api/v1/orders", "{\"portfolio\":\"it-bad\",\"symbol\":\"MSFT\","
                + "\"side\":\"BUY\",\"quantity\":1}", Map.of("Idempotency-Key", key));
        assertTrue(first.body(), first.statusCode() == 201 || first.statusCode() == 422);
        assertError(post("/api/v1/orders", "{\"clientOrderId\":\"" + key + "-other\",\"symbol\":\"MSFT\","
                + "\"side\":\"BUY\",\"quantity\":1}", Map.of("Idempotency-Key", key)), 400,
                "IDEMPOTENCY_KEY_MISMATCH", "clientOrderId");
        assertError(get("/api/v1/orders?limit=0"), 400, "INVALID_PARAMETER", "limit");
        assertError(get("/api/v1/orders?status=SLEEPING"), 400, "INVALID_PARAMETER", "status");
        assertError(get("/api/v1/no-such-thing"), 404, "NOT_FOUND", null);
        assertError(send(HttpRequest.newBuilder(uri("/api/v1/orders")).PUT(HttpRequest.BodyPublishers.ofString(good))
                .header("Content-Type", "application/json")), 405, "METHOD_NOT_ALLOWED", null);
        assertError(put("/api/v1/trading-state", "{\"state\":\"PAUSED\",\"reason\":\"x\"}"), 400, "WRONG_TYPE",
                "state");
        assertEquals("only the one good order (" + key + ") was created", before + 1, orderCount());
        assertEquals(200, get("/health/ready").statusCode());
    }

    @Test
    public void aThousandRapidRequestsFromOneClientEachGetTheirAnswer() throws Exception {
        int before = orderCount();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String body = i % 2 == 0 ? "{\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":-" + (i + 1) + "}"
                        : "{\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":1,\"extra\":" + i + "}";
                answers.add(pool.submit(() -> post("/api/v1/orders", body, Map.of())));
            }
            for (int i = 0; i < answers.size(); i++) {
                HttpResponse<String> answer = answers.get(i).get(60, TimeUnit.SECONDS);
                assertError(answer, 400, i % 2 == 0 ? "INVALID_QUANTITY" : "UNKNOWN_FIELD", i % 2 == 0 ? "quantity"
                        : "extra");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before, orderCount());
        assertEquals(200, get("/health/ready").statusCode());
    }

    // --- OpenAPI ----------------------------------------------------------------------------------------------

    @Test
    public void everyDocumentedOperationAnswersAsDocumented() throws Exception {
        HttpResponse<String> document = get("/api/v1/openapi.json");
        assertEquals(200, document.statusCode());
        JsonNode doc = JSON.readTree(document.body());
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                String method = entry.getKey().toUpperCase(Locale.ROOT);
                JsonNode op = entry.getValue();
                String target = path.getKey();
                StringBuilder query = new StringBuilder();
                for (JsonNode param : op.path("parameters")) {
                    String name = param.get("name").asText();
                    JsonNode example = param.get("example");
                    if (param.get("in").asText().equals("path")) {
                        assertNotNull(op.get("operationId") + ": path parameter " + name + " has no example", example);
                        target = target.replace("{" + name + "}", URLEncoder.encode(example.asText(),
                                StandardCharsets.UTF_8));
                    } else if (param.get("in").asText().equals("query") && example != null) {
                        query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                                .append(URLEncoder.encode(example.asText(), StandardCharsets.UTF_8));
                    }
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(uri(target + query))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", ITEST_BASIC);
                JsonNode body = op.path("requestBody").path("content").path("application/json").get("example");
                request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                String what = op.get("operationId").asText() + " (" + method + " " + target + query + ")";
                int status;
                String answer;
                if (op.path("responses").path("200").path("content").has("text/event-stream")) {
                    HttpResponse<InputStream> stream = http.send(request.build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    status = stream.statusCode();
                    answer = stream.headers().firstValue("Content-Type").orElse("");
                    stream.body().close();
                    assertTrue(what + " streams events: " + answer, answer.startsWith("text/event-stream"));
                } else {
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    status = response.statusCode();
                    answer = response.body();
                    if (status >= 400) {
                        JsonNode error = JSON.readTree(answer);
                        assertEquals(what + ": " + answer, status, error.get("status").asInt());
                        assertFalse(what + " is served: " + answer, error.get("code").asText().equals("NOT_FOUND")
                                || error.get("code").asText().equals("METHOD_NOT_ALLOWED"));
                    }
                }
                assertTrue(what + " answered " + status + ", documented " + op.get("responses").fieldNames()
                        + ": " + answer, op.get("responses").has(Integer.toString(status)));
                operations++;
            }
        }
        assertTrue("operations called: " + operations, operations >= 30);
        // The example route was started then stopped again (as shipped): the platform is whole again.
        assertEquals(200, get("/health/ready").statusCode());
    }

    // --- streaming ----------------------------------------------------------------------------------------

    @Test
    public void orderEventsStreamAsServerSentEvents() throws Exception {
        HttpResponse<InputStream> stream = http
                .send(HttpRequest.newBuilder(uri("/api/v1/stream/orders?portfolio=it-sse"))
                        .header("Authorization", ITEST_BASIC).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertEquals("event: subscribed", await("the subscribed event", STARTUP, lines::readLine,
                    line -> line == null || line.startsWith("event:")));
            String key = "it-sse-" + UUID.randomUUID();
            CompletableFuture<HttpResponse<String>> submitted = CompletableFuture.supplyAsync(() -> {
                try {
                    return post("/api/v1/orders", "{\"portfolio\":\"it-sse\",\"symbol\":\"MSFT\",\"side\":\"BUY\","
                            + "\"quantity\":1,\"clientOrderId\":\"" + key + "\"}", Map.of());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + STARTUP.toNanos();
            String line;
            while ((line = lines.readLine()) != null && System.nanoTime() < deadline) {
                seen.add(line);
                if (line.startsWith("data:") && line.contains(key) && line.contains("\"type\":\"FILL\"")) {
                    break;
                }
            }
            assertTrue("a FILL event of " + key + " in " + seen, seen.stream().anyMatch(l -> l.contains(key)
                    && l.contains("\"type\":\"FILL\"")));
            assertEquals(201, submitted.get(30, TimeUnit.SECONDS).statusCode());
        }
    }

    // --- readiness follows the OMS (last: it stops and restarts the OMS bundle) ---------------------------

    @Test
    public void zReadinessGoesDownWhenTheOmsStopsAndComesBackWithIt() throws Exception {
        Bundle oms = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "nautilus-oms".equals(b.getSymbolicName())).findFirst().orElseThrow();
        oms.stop();
        try {
            await("GET /health/ready 503 with the OMS stopped", STARTUP, () -> get("/health/ready").statusCode(),
                    status -> status == 503);
            HttpResponse<String> ready = get("/health/ready");
            assertEquals("{\"status\":\"NOT_READY\"}", ready.body());
            assertEquals(200, get("/health/live").statusCode());
            JsonNode health = JSON.readTree(get("/health").body());
            assertTrue(health.toString(), health.toString().contains("\"name\":\"oms\",\"up\":false"));
            assertError(post("/api/v1/orders", "{\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":1}", Map.of()), 503,
                    "OMS_UNAVAILABLE", null);
        } finally {
            oms.start();
        }
        await("GET /health/ready 200 with the OMS back", STARTUP, () -> get("/health/ready").statusCode(),
                status -> status == 200);
        assertEquals(200, get("/api/v1/orders?limit=1").statusCode());
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private int orderCount() throws Exception {
        HttpResponse<String> blotter = get("/api/v1/orders?limit=1");
        assertEquals(blotter.body(), 200, blotter.statusCode());
        return JSON.readTree(blotter.body()).get("total").asInt();
    }

    private String priceAwayFromBid(String symbol, String factor) throws Exception {
        JsonNode quote = await(symbol + " quote", STARTUP, () -> JSON.readTree(get("/api/v1/quotes/" + symbol).body()),
                q -> !q.path("quote").isNull() && q.path("quote").has("bid"));
        return new BigDecimal(quote.get("quote").get("bid").asText()).multiply(new BigDecimal(factor))
                .setScale(2, RoundingMode.DOWN).toPlainString();
    }

    /** Checks the one error shape; a null code or field is not checked (field: checked only when given). */
    private static JsonNode assertError(HttpResponse<String> response, int status, String code, String field)
            throws Exception {
        assertNotNull("no response", response);
        assertEquals(response.body(), status, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body());
        assertEquals(response.body(), status, error.get("status").asInt());
        assertTrue(response.body(), error.hasNonNull("message") && !error.get("message").asText().isBlank());
        assertTrue(response.body(), error.has("field"));
        if (code != null) {
            assertEquals(response.body(), code, error.get("code").asText());
        }
        if (field != null) {
            assertEquals(response.body(), field, error.get("field").asText());
        }
        return error;
    }

    private URI uri(String path) {
        return URI.create(BASE + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Every request as the test node's admin user (AccessIT covers the roles and the refusals). */
    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", ITEST_BASIC).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

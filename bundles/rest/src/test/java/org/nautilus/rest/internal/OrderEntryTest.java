package org.nautilus.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.testsupport.ScriptedRisk;
import org.nautilus.venue.simulated.internal.MarketAccess;
import org.nautilus.venue.simulated.internal.SimulatedExchange;
import org.nautilus.venue.simulated.internal.VenueConfig;

/** Order entry (one order and batches) against the real OMS core and the simulated exchange, without HTTP. */
class OrderEntryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InstrumentId MSFT = InstrumentId.of("MSFT");

    private final Quote quote = new Quote(MSFT, Price.of("99.99"), Quantity.ofWhole(1_000_000), Price.of("100.01"),
            Quantity.ofWhole(1_000_000), Instant.now());
    private final MarketAccess market = new MarketAccess() {
        @Override
        public Optional<Instrument> instrument(InstrumentId id) {
            return id.equals(MSFT) ? Optional.of(Instrument.equity("MSFT", "USD")) : Optional.empty();
        }

        @Override
        public Optional<Quote> lastQuote(InstrumentId id) {
            return id.equals(MSFT) ? Optional.of(quote) : Optional.empty();
        }
    };
    private final OrderManager oms = oms();
    private final OrderEntry entry = new OrderEntry(() -> oms, () -> null);

    private OrderManager oms() {
        SimulatedExchange exchange = new SimulatedExchange(VenueConfig.defaults("SIM"), Clock.systemUTC(), market);
        exchange.onQuote(quote);
        OrderManager manager = OrderManager.builder(market::instrument,
                new ScriptedRisk(request -> request.quantity().compareTo(Quantity.ofWhole(1000)) > 0
                        ? RiskDecision.reject("max-order-quantity", RejectCode.MAX_ORDER_QUANTITY, "quantity "
                                + request.quantity() + " exceeds 1000")
                        : RiskDecision.approve()))
                .clock(Clock.systemUTC()).partitions(2).build();
        manager.venueAdded(exchange.id(), exchange);
        return manager;
    }

    @AfterEach
    void stop() {
        oms.close();
    }

    private static OrderEntry.Answer await(CompletionStage<OrderEntry.Answer> answer) throws Exception {
        return answer.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static ByteArrayInputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOrderIs201WithItsLocationOnceDurableAndTheSameKeyAgainIs200Replayed() throws Exception {
        String order = "{\"portfolio\":\"p1\",\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":3}";
        OrderEntry.Answer created = await(entry.submit("application/json", body(order), "key-1"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode view = JSON.readTree(created.body());
        assertThat(view.get("clientOrderId").asText()).isEqualTo("key-1");
        assertThat(view.get("quantity").asText()).isEqualTo("3");
        assertThat(created.location()).isEqualTo("/api/v1/orders/" + view.get("id").asText());
        assertThat(created.replayed()).isFalse();

        OrderEntry.Answer again = await(entry.submit("application/json", body(order), "key-1"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.replayed()).isTrue();
        assertThat(JSON.readTree(again.body()).get("id")).isEqualTo(view.get("id"));
        assertThat(oms.orders()).hasSize(1);
    }

    @Test
    void aRiskDenialIs422WithTheRulesCodeAndTheOrdersId() throws Exception {
        OrderEntry.Answer denied = await(entry.submit("application/json",
                body("{\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":5000}"), null));

        assertThat(denied.status()).isEqualTo(422);
        JsonNode error = JSON.readTree(denied.body());
        assertThat(error.get("code").asText()).isEqualTo("MAX_ORDER_QUANTITY");
        assertThat(oms.order(OrderId.of(error.get("orderId").asLong()))).isPresent();
    }

    @Test
    void badInputIsRefusedWithItsCodeAndChangesNothing() throws Exception {
        assertThat(await(entry.submit("application/json", body("{\"symbol\":"), null)).body())
                .contains("\"code\":\"MALFORMED_JSON\"");
        assertThat(await(entry.submit("text/plain", body("{}"), null)).status()).isEqualTo(415);
        OrderEntry.Answer mismatch = await(entry.submit("application/json",
                body("{\"clientOrderId\":\"a\",\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":1}"), "b"));
        assertThat(JSON.readTree(mismatch.body()).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_MISMATCH");
        assertThat(oms.orders()).isEmpty();

        OrderEntry noOms = new OrderEntry(() -> null, () -> null);
        OrderEntry.Answer unavailable = await(noOms.submit("application/json",
                body("{\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":1}"), null));
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.body()).contains("\"code\":\"OMS_UNAVAILABLE\"");
    }

    @Test
    void aBatchAnswersEachOrderAsASingleSubmitWouldInItsOrder() throws Exception {
        String batch = "{\"orders\":["
                + "{\"clientOrderId\":\"b-1\",\"portfolio\":\"p1\",\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":1},"
                + "{\"clientOrderId\":\"b-2\",\"symbol\":\"MSFT\",\"side\":\"SELL\",\"quantity\":5000},"
                + "{\"clientOrderId\":\"b-3\",\"side\":\"BUY\",\"quantity\":1},"
                + "{\"clientOrderId\":\"b-4\",\"portfolio\":\"p1\",\"symbol\":\"MSFT\",\"side\":\"SELL\",\"quantity\":1}]}";

        OrderEntry.Answer answer = await(entry.submitBatch("application/json", body(batch), null));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode results = JSON.readTree(answer.body()).get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(results.get(0).get("order").get("clientOrderId").asText()).isEqualTo("b-1");
        assertThat(results.get(1).get("status").asInt()).isEqualTo(422);
        assertThat(results.get(1).get("error").get("code").asText()).isEqualTo("MAX_ORDER_QUANTITY");
        assertThat(results.get(2).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(2).get("error").get("field").asText()).isEqualTo("orders[2].symbol");
        assertThat(results.get(3).get("order").get("clientOrderId").asText()).isEqualTo("b-4");
        assertThat(oms.orders()).as("the refused item created nothing; the denied one exists, DENIED").hasSize(3);

        JsonNode replay = JSON.readTree(await(entry.submitBatch("application/json", body(batch), null)).body())
                .get("results");
        assertThat(replay.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(replay.get(0).get("replayed").asBoolean()).isTrue();
        assertThat(oms.orders()).hasSize(3);
    }

    @Test
    void aMalformedBatchIsOneErrorAndChangesNothing() throws Exception {
        String order = "{\"symbol\":\"MSFT\",\"side\":\"BUY\",\"quantity\":1}";
        assertThat(code(entry.submitBatch("application/json", body("{\"orders\":[" + order + "]}"), "k")))
                .isEqualTo("IDEMPOTENCY_KEY_ON_BATCH");
        assertThat(code(entry.submitBatch("application/json", body("{\"orders\":[]}"), null)))
                .isEqualTo("MISSING_FIELD");
        assertThat(code(entry.submitBatch("application/json", body("{\"orders\":[{\"colour\":1}]}"), null)))
                .isEqualTo("UNKNOWN_FIELD");
        String tooMany = "{\"orders\":[" + String.join(",", Collections.nCopies(OrderEntry.MAX_BATCH + 1,
                order)) + "]}";
        assertThat(code(entry.submitBatch("application/json", body(tooMany), null))).isEqualTo("BATCH_TOO_LARGE");
        assertThat(oms.orders()).isEmpty();
    }

    private static String code(CompletionStage<OrderEntry.Answer> answer) throws Exception {
        return JSON.readTree(await(answer).body()).get("code").asText();
    }
}

package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;

class CompactOrdersTest {

    private static final VenueId SIM = VenueId.of("SIM");

    /** A finished order with a mix of optional fields, so that every packed field is exercised. */
    private static Order order(long id, String clientId, Random random) {
        OrderType type = OrderType.values()[random.nextInt(OrderType.values().length)];
        Price limit = type.needsLimitPrice() ? new Price(1 + random.nextInt(1_000_000_000)) : null;
        Price stop = type.needsStopPrice() ? new Price(1 + random.nextInt(1_000_000_000)) : null;
        boolean gtd = random.nextInt(4) == 0;
        TimeInForce tif = gtd ? TimeInForce.GTD : random.nextBoolean() ? TimeInForce.IOC : TimeInForce.DAY;
        boolean postOnly = type == OrderType.LIMIT && tif != TimeInForce.IOC && random.nextBoolean();
        Quantity quantity = Quantity.ofWhole(1 + random.nextInt(1000));
        OrderRequest request = new OrderRequest(ClientOrderId.of(clientId), PortfolioId.of("pf" + random.nextInt(3)),
                Fixtures.AAPL, random.nextBoolean() ? Side.BUY : Side.SELL, type, quantity, limit, stop, tif,
                gtd ? Instant.ofEpochSecond(1_800_000_000L, random.nextInt(1_000_000_000)) : null,
                random.nextBoolean() ? SIM : null, postOnly, random.nextBoolean());
        boolean traded = random.nextBoolean();
        OrderStatus status = traded ? OrderStatus.FILLED : OrderStatus.CANCELED;
        return new Order(OrderId.of(id), request, status, traded ? quantity : Quantity.ZERO,
                traded ? new Price(random.nextLong() & 0xffffffffffL) : null, SIM,
                traded ? null : "canceled " + id,
                Instant.ofEpochSecond(1_700_000_000L + id, random.nextInt(1_000_000_000)),
                Instant.ofEpochSecond(1_700_000_001L + id, 123));
    }

    @Test
    void keeps_the_newest_orders_and_finds_them_by_id_and_client_id_equal_to_what_was_added() {
        Random random = new Random(3);
        CompactOrders compact = new CompactOrders(100);
        Map<Long, Order> model = new LinkedHashMap<>();
        for (long id = 1; id <= 5_000; id++) {
            // Ids not in order and client ids with colliding hash codes ("Aa" / "BB") stress the probing.
            long orderId = id * 7919 % 100_003;
            Order order = order(orderId, (id % 2 == 0 ? "Aa" : "BB") + (id % 50) + "-" + id, random);
            boolean dropped = compact.add(order, 100);
            model.put(orderId, order);
            if (model.size() > 100) {
                Long oldest = model.keySet().iterator().next();
                model.remove(oldest);
                assertThat(dropped).isTrue();
                assertThat(compact.get(OrderId.of(oldest))).isNull();
            }
            if (id % 97 == 0) {
                for (Order kept : model.values()) {
                    assertThat(compact.get(kept.id())).isEqualTo(kept);
                    assertThat(compact.find(kept.clientOrderId())).isEqualTo(kept);
                }
                assertThat(compact.all()).containsExactlyElementsOf(model.values());
            }
        }
        assertThat(compact.size()).isEqualTo(100);
        assertThat(compact.find(ClientOrderId.of("BB1-1"))).isNull();
    }

    @Test
    void an_update_replaces_the_entry_and_a_smaller_capacity_keeps_the_newest() {
        Random random = new Random(5);
        CompactOrders compact = new CompactOrders(10);
        for (long id = 1; id <= 10; id++) {
            compact.add(order(id, "c" + id, random), 10);
        }
        Order before = compact.get(OrderId.of(4));
        Order after = new Order(before.id(), before.request(), before.status(), before.filledQuantity(),
                before.averagePrice(), before.venueId(), "late fill", before.createdAt(), before.updatedAt());
        compact.update(after);
        assertThat(compact.get(OrderId.of(4))).isEqualTo(after);

        assertThat(compact.add(order(11, "c11", random), 3)).isTrue();

        assertThat(compact.all()).extracting(o -> o.id().value()).containsExactly(9L, 10L, 11L);
        assertThat(compact.find(ClientOrderId.of("c4"))).isNull();
        assertThat(compact.find(ClientOrderId.of("c10"))).isNotNull();
    }

    @Test
    void client_ids_of_every_length_and_allowed_character_come_back_as_they_were() {
        Random random = new Random(11);
        String alphabet = "ABCxyz0189._/:-";
        CompactOrders compact = new CompactOrders(50);
        Map<String, Order> added = new LinkedHashMap<>();
        for (int length = 1; length <= 64; length++) {
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < length; i++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Order order = order(length, id.toString(), random);
            compact.add(order, 64);
            added.put(id.toString(), order);
        }
        for (Order order : added.values()) {
            assertThat(compact.find(order.clientOrderId())).isEqualTo(order);
            assertThat(compact.get(order.id()).clientOrderId()).isEqualTo(order.clientOrderId());
        }
        String longest = added.keySet().stream().reduce((a, b) -> b).orElseThrow();
        // Same length and hash bucket are not enough: a different last character is a different id.
        assertThat(compact.find(ClientOrderId.of(longest.substring(0, 63) + (longest.endsWith("A") ? "B" : "A"))))
                .isNull();
    }
}

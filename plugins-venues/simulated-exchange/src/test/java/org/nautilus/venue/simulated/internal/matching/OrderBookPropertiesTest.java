package org.nautilus.venue.simulated.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.TimeInForce;

/**
 * Invariants of the book under random streams of orders, cancels and amends:
 * it never stays crossed, its internal bookkeeping holds, and every order's quantity is accounted for
 * (filled + resting + canceled = submitted, amends included).
 */
class OrderBookPropertiesTest {

    /** One step of a random session; {@code target} picks an earlier order for cancels and amends. */
    record Step(int kind, boolean buy, OrderType type, TimeInForce tif, boolean postOnly, long price, long stop,
            long quantity, long owner, int target) {
    }

    @Provide
    Arbitrary<List<Step>> sessions() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 9),
                Arbitraries.of(true, false),
                Arbitraries.of(OrderType.LIMIT, OrderType.LIMIT, OrderType.LIMIT, OrderType.MARKET, OrderType.STOP,
                        OrderType.STOP_LIMIT),
                Arbitraries.of(TimeInForce.GTC, TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK),
                Arbitraries.of(false, false, false, true),
                Arbitraries.longs().between(90, 110),
                Arbitraries.longs().between(90, 110),
                Arbitraries.longs().between(1, 30))
                .flatAs((kind, buy, type, tif, postOnly, price, stop, qty) -> Combinators
                        .combine(Arbitraries.longs().between(1, 4), Arbitraries.integers().between(0, 1_000))
                        .as((owner, target) -> new Step(kind, buy, type, tif, postOnly, price, stop, qty, owner,
                                target)));
        return step.list().ofMinSize(1).ofMaxSize(250);
    }

    @Provide
    Arbitrary<SelfMatchPolicy> policies() {
        return Arbitraries.of(SelfMatchPolicy.class);
    }

    @Property(tries = 250)
    void theBookNeverCrossesAndQuantitiesAreConserved(@ForAll("sessions") List<Step> session,
            @ForAll("policies") SelfMatchPolicy policy) {
        Accounts accounts = new Accounts();
        OrderBook book = new OrderBook(accounts, policy, 16);
        List<Long> ids = new ArrayList<>();
        long nextId = 1;
        for (Step s : session) {
            if (s.kind() <= 6 || ids.isEmpty()) {
                long id = nextId++;
                ids.add(id);
                accounts.submitted(id, s.quantity());
                book.submit(id, s.owner(), s.buy(), s.type(), s.tif(), s.postOnly(), s.price(), s.stop(), s.quantity(),
                        0);
            } else if (s.kind() <= 8) {
                book.cancel(ids.get(s.target() % ids.size()));
            } else {
                long id = ids.get(s.target() % ids.size());
                accounts.amending(id, s.quantity());
                book.amend(id, s.price(), s.stop(), s.quantity());
                accounts.amended(id);
            }
            book.verifyIntegrity();
            long bid = book.bestBid();
            long ask = book.bestAsk();
            assertThat(bid == OrderBook.NO_PRICE || ask == OrderBook.NO_PRICE || bid < ask)
                    .as("book crossed: bid %s ask %s", bid, ask).isTrue();
        }
        for (long id : ids) {
            long resting = Math.max(0, book.leaves(id));
            assertThat(accounts.filled(id) + resting + accounts.canceled(id))
                    .as("order %s: filled %s + resting %s + canceled %s = submitted %s", id, accounts.filled(id),
                            resting, accounts.canceled(id), accounts.quantity(id))
                    .isEqualTo(accounts.quantity(id));
        }
    }

    @Property(tries = 150)
    void tradesNeverViolateALimitPrice(@ForAll("sessions") List<Step> session) {
        Map<Long, Step> byId = new HashMap<>();
        List<String> violations = new ArrayList<>();
        OrderBook[] holder = new OrderBook[1];
        MatchListener check = new EventLog() {
            @Override
            public void onTrade(long takerOrderId, long makerOrderId, boolean takerBuy, long price, long quantity) {
                check(takerOrderId, price);
                check(makerOrderId, price);
            }

            private void check(long id, long price) {
                Step s = byId.get(id);
                if (s.type() == OrderType.LIMIT || s.type() == OrderType.STOP_LIMIT) {
                    if (s.buy() ? price > s.price() : price < s.price()) {
                        violations.add("order " + id + " " + s + " traded at " + price);
                    }
                }
            }
        };
        holder[0] = new OrderBook(check, SelfMatchPolicy.ALLOW, 16);
        long nextId = 1;
        for (Step s : session) {
            long id = nextId++;
            byId.put(id, s);
            holder[0].submit(id, s.owner(), s.buy(), s.type(), s.tif(), s.postOnly(), s.price(), s.stop(), s.quantity(),
                    0);
        }
        assertThat(violations).isEmpty();
    }

    /** Per-order quantities from the book's events. */
    static final class Accounts implements MatchListener {
        private final Map<Long, long[]> orders = new HashMap<>();
        private long pendingAmend;

        // [0] total quantity, [1] filled, [2] canceled or rejected
        void submitted(long id, long quantity) {
            orders.put(id, new long[] {quantity, 0, 0});
        }

        void amending(long id, long newQuantity) {
            pendingAmend = newQuantity;
        }

        void amended(long id) {
            pendingAmend = 0;
        }

        long quantity(long id) {
            return orders.get(id)[0];
        }

        long filled(long id) {
            return orders.get(id)[1];
        }

        long canceled(long id) {
            return orders.get(id)[2];
        }

        @Override
        public void onAccepted(long orderId) {
        }

        @Override
        public void onRejected(long orderId, Reason reason) {
            orders.get(orderId)[2] += orders.get(orderId)[0];
        }

        @Override
        public void onTrade(long takerOrderId, long makerOrderId, boolean takerBuy, long price, long quantity) {
            assertThat(quantity).isPositive();
            orders.get(takerOrderId)[1] += quantity;
            orders.get(makerOrderId)[1] += quantity;
        }

        @Override
        public void onCanceled(long orderId, long canceledQuantity, Reason reason) {
            long[] o = orders.get(orderId);
            if (reason == Reason.AMENDED_TO_FILLED) {
                // The order's total became its filled quantity: the rest is no longer submitted.
                o[0] = o[1];
                return;
            }
            o[2] += canceledQuantity;
        }

        @Override
        public void onTriggered(long orderId) {
        }

        @Override
        public void onReplaced(long orderId, long price, long quantity) {
            assertThat(quantity).isEqualTo(pendingAmend);
            orders.get(orderId)[0] = quantity;
        }

        @Override
        public void onAmendRejected(long orderId, Reason reason) {
        }
    }
}

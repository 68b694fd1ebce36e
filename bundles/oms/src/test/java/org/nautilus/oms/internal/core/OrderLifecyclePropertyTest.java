package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.venue.ExecType;
import org.nautilus.oms.internal.routing.DirectRouter;

/** Invariants of one order under any sequence of venue reports and client commands. */
class OrderLifecyclePropertyTest {

    enum Step {
        ACCEPT, TRIGGER, FILL_1, FILL_3, REPEAT_FILL, CANCEL, CANCELED, EXPIRED, REJECTED, AMEND, REPLACED,
        REPLACE_REJECTED
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.of(Step.class).list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 200)
    void an_order_never_leaves_a_terminal_state_and_always_equals_its_fills_and_events(
            @ForAll("steps") List<Step> steps) {
        FakeVenue venue = new FakeVenue("SIM", FakeVenue.OnSubmit.SILENT);
        venue.onCancel = FakeVenue.OnCancel.SILENT;
        venue.onAmend = FakeVenue.OnAmend.SILENT;
        try (Harness h = new Harness(new DirectRouter(null), venue)) {
            Order order = h.oms.submit(Fixtures.limit("c1", Side.BUY, 10, "100"));
            OrderStatus terminal = null;
            String lastExecution = null;
            long amendQuantity = 10;
            for (Step step : steps) {
                switch (step) {
                    case ACCEPT -> venue.accept(order.id());
                    case TRIGGER -> venue.report(order.id(), ExecType.TRIGGERED, null);
                    case FILL_1 -> lastExecution = venue.fill(order.id(), Quantity.ofWhole(1), Price.ofWhole(100));
                    case FILL_3 -> lastExecution = venue.fill(order.id(), Quantity.ofWhole(3), Price.of("99.5"));
                    case REPEAT_FILL -> {
                        if (lastExecution != null) {
                            venue.fill(order.id(), lastExecution, Quantity.ofWhole(1), Price.ofWhole(100));
                        }
                    }
                    case CANCEL -> h.oms.cancel(order.id());
                    case CANCELED -> venue.report(order.id(), ExecType.CANCELED, null);
                    case EXPIRED -> venue.report(order.id(), ExecType.EXPIRED, null);
                    case REJECTED -> venue.report(order.id(), ExecType.REJECTED, "no");
                    case AMEND -> h.oms.amend(order.id(), Quantity.ofWhole(++amendQuantity), null);
                    case REPLACED -> venue.report(order.id(), ExecType.REPLACED, null);
                    case REPLACE_REJECTED -> venue.report(order.id(), ExecType.REPLACE_REJECTED, "no");
                    default -> throw new AssertionError(step);
                }
                h.oms.sync();
                Order now = h.oms.order(order.id()).orElseThrow();
                if (terminal != null) {
                    assertThat(now.status()).as("after %s in %s", step, terminal).isEqualTo(terminal);
                } else if (now.status().isTerminal()) {
                    terminal = now.status();
                }
                List<Fill> fills = h.oms.fills(order.id());
                long filled = fills.stream().mapToLong(f -> f.quantity().raw()).sum();
                assertThat(now.filledQuantity().raw()).isEqualTo(filled);
                assertThat(now.filledQuantity()).isLessThanOrEqualTo(now.quantity());
                assertThat(fills).extracting(Fill::executionId).doesNotHaveDuplicates();
                List<OrderEvent> events = h.oms.events(order.id());
                for (int i = 0; i < events.size(); i++) {
                    assertThat(events.get(i).version()).isEqualTo(i + 1);
                }
                assertThat(events.get(events.size() - 1).order()).isEqualTo(now);
            }
            // What the listeners heard never leaves a terminal state either.
            OrderStatus heard = null;
            for (Order seen : h.recorder.orders) {
                if (heard != null) {
                    assertThat(seen.status()).isEqualTo(heard);
                } else if (seen.status().isTerminal()) {
                    heard = seen.status();
                }
            }
        }
    }
}

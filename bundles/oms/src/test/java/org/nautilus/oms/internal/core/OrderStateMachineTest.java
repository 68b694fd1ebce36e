package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.OrderStatus;

class OrderStateMachineTest {

    @Test
    void no_transition_leaves_a_terminal_state() {
        for (OrderStatus status : OrderStatus.values()) {
            if (status.isTerminal()) {
                assertThat(OrderStateMachine.next(status)).as(status.name()).isEmpty();
            }
        }
    }

    @Test
    void every_state_reaches_a_terminal_state() {
        for (OrderStatus start : OrderStatus.values()) {
            Set<OrderStatus> seen = EnumSet.of(start);
            Deque<OrderStatus> todo = new ArrayDeque<>(seen);
            while (!todo.isEmpty()) {
                for (OrderStatus next : OrderStateMachine.next(todo.pop())) {
                    if (seen.add(next)) {
                        todo.push(next);
                    }
                }
            }
            assertThat(seen.stream().anyMatch(OrderStatus::isTerminal)).as(start.name()).isTrue();
        }
    }

    @Test
    void an_order_is_never_sent_back_to_INITIALIZED_or_SUBMITTED() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(OrderStateMachine.allows(status, OrderStatus.INITIALIZED)).isFalse();
            if (status != OrderStatus.INITIALIZED) {
                assertThat(OrderStateMachine.allows(status, OrderStatus.SUBMITTED)).as(status.name()).isFalse();
            }
        }
    }

    @Test
    void only_an_order_not_yet_sent_can_be_DENIED() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(OrderStateMachine.allows(status, OrderStatus.DENIED))
                    .isEqualTo(status == OrderStatus.INITIALIZED);
        }
    }

    @Test
    void a_fill_may_arrive_while_a_cancel_or_an_amend_is_pending() {
        assertThat(OrderStateMachine.allows(OrderStatus.PENDING_CANCEL, OrderStatus.FILLED)).isTrue();
        assertThat(OrderStateMachine.allows(OrderStatus.PENDING_CANCEL, OrderStatus.PENDING_CANCEL)).isTrue();
        assertThat(OrderStateMachine.allows(OrderStatus.PENDING_UPDATE, OrderStatus.FILLED)).isTrue();
    }
}

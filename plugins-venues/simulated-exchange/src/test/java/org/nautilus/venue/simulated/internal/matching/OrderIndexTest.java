package org.nautilus.venue.simulated.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrderIndexTest {

    private static BookOrder order(long id) {
        BookOrder order = new BookOrder();
        order.id = id;
        return order;
    }

    @Test
    void behavesLikeAHashMapUnderRandomAddsAndRemoves() {
        OrderIndex index = new OrderIndex(4);
        Map<Long, BookOrder> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            // Few distinct, regularly spaced ids: long probe chains, many backward shifts, several resizes.
            long id = random.nextInt(2_000) * 64L;
            if (random.nextBoolean() && !reference.containsKey(id)) {
                BookOrder order = order(id);
                index.add(order);
                reference.put(id, order);
            } else {
                assertThat(index.remove(id)).isSameAs(reference.remove(id));
            }
            if (i % 1_000 == 0) {
                for (long k = 0; k < 2_000 * 64L; k += 64) {
                    assertThat(index.get(k)).isSameAs(reference.get(k));
                }
            }
        }
        assertThat(index.size()).isEqualTo(reference.size());
    }

    @Test
    void aMissingIdIsNull() {
        OrderIndex index = new OrderIndex(16);
        index.add(order(0));
        index.add(order(-5));
        assertThat(index.get(0).id).isZero();
        assertThat(index.get(-5).id).isEqualTo(-5);
        assertThat(index.get(1)).isNull();
        assertThat(index.remove(1)).isNull();
    }
}

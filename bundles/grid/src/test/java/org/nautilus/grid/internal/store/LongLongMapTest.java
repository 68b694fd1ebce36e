package org.nautilus.grid.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongLongMapTest {

    @Test
    void behaves_like_a_map_without_removal_through_many_growths() {
        LongLongMap map = new LongLongMap(16);
        Map<Long, Long> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            // Sequential order ids, hashes spread over the whole range, and repeats.
            long key = switch (i % 3) {
                case 0 -> i;
                case 1 -> random.nextLong();
                default -> random.nextInt(1000);
            };
            if (key == LongLongMap.FREE) {
                continue;
            }
            Long before = expected.putIfAbsent(key, (long) i);
            assertThat(map.putIfAbsent(key, i)).isEqualTo(before == null ? LongLongMap.MISSING : before);
        }
        assertThat(map.size()).isEqualTo(expected.size());
        expected.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
        assertThat(map.get(-1)).isEqualTo(expected.getOrDefault(-1L, LongLongMap.MISSING));
        assertThat(map.get(Long.MAX_VALUE)).isEqualTo(LongLongMap.MISSING);
    }

    @Test
    void the_free_marker_is_not_a_key() {
        assertThatThrownBy(() -> new LongLongMap(1).putIfAbsent(LongLongMap.FREE, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    }
}

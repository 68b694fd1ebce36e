package org.nautilus.venue.simulated.internal.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongObjectMapTest {

    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        LongObjectMap<String> map = new LongObjectMap<>(4);
        Map<Long, String> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            // Few distinct keys with clustered values: long probe chains, many backward shifts.
            long key = random.nextInt(2_000) * 64L;
            if (random.nextBoolean() && !reference.containsKey(key)) {
                map.putNew(key, "v" + key);
                reference.put(key, "v" + key);
            } else {
                assertThat(map.remove(key)).isEqualTo(reference.remove(key));
            }
            if (i % 1_000 == 0) {
                for (long k = 0; k < 2_000 * 64L; k += 64) {
                    assertThat(map.get(k)).isEqualTo(reference.get(k));
                }
            }
        }
        assertThat(map.size()).isEqualTo(reference.size());
    }

    @Test
    void getOfAMissingKeyIsNull() {
        LongObjectMap<String> map = new LongObjectMap<>(16);
        map.putNew(0, "zero");
        map.putNew(-5, "minus five");
        assertThat(map.get(0)).isEqualTo("zero");
        assertThat(map.get(-5)).isEqualTo("minus five");
        assertThat(map.get(1)).isNull();
    }
}

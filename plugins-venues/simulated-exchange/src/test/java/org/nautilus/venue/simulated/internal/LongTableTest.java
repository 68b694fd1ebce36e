package org.nautilus.venue.simulated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LongTableTest {

    private record Item(long key, String name) {
    }

    @Test
    void findsAddsAndRemovesByTheValuesOwnKey() {
        LongTable<Item> table = new LongTable<>(Item::key, 4);
        table.add(new Item(7, "seven"));
        table.add(new Item(-3, "minus three"));

        assertThat(table.get(7)).extracting(Item::name).isEqualTo("seven");
        assertThat(table.get(-3)).extracting(Item::name).isEqualTo("minus three");
        assertThat(table.get(8)).isNull();
        assertThat(table.remove(7)).extracting(Item::name).isEqualTo("seven");
        assertThat(table.get(7)).isNull();
        assertThat(table.remove(7)).isNull();
        assertThat(table.size()).isEqualTo(1);
    }

    /** Any sequence of adds and removes (keys colliding in a small table, growth) answers as a HashMap does. */
    @Property(tries = 300)
    void behavesAsAMap(@ForAll @Size(max = 300) List<@IntRange(min = -64, max = 64) Integer> operations) {
        LongTable<Item> table = new LongTable<>(Item::key, 1);
        Map<Long, Item> model = new HashMap<>();
        for (int op : operations) {
            long key = Math.abs(op) * 1024L; // multiples of 1024: many share a slot before the hash spreads them
            if (op >= 0 && !model.containsKey(key)) {
                Item item = new Item(key, "k" + key);
                table.add(item);
                model.put(key, item);
            } else {
                assertThat(table.remove(key)).isEqualTo(model.remove(key));
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        for (long key = 0; key <= 64 * 1024; key += 1024) {
            assertThat(table.get(key)).isEqualTo(model.get(key));
        }
    }
}

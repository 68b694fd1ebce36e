package org.nautilus.research.internal.expression.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SortedWindow#replace} leaves exactly the array that a remove and then an add leave. */
class SortedWindowTest {

    @Test
    void replaceLeavesTheSameArrayAsRemoveThenAdd() {
        Random random = new Random(42);
        double[] pool = {-1.5, -0.0, 0.0, 0.25, 0.25, 1, 2, 2, 3, Double.NaN};
        for (int size : new int[] {1, 2, 5, 20}) {
            SortedWindow replaced = new SortedWindow(size);
            SortedWindow reference = new SortedWindow(size);
            double[] ring = new double[size];
            for (int row = 0; row < 5_000; row++) {
                double x = random.nextInt(4) == 0 ? pool[random.nextInt(pool.length)] : random.nextInt(12) * 0.5;
                int slot = row % size;
                if (row >= size) {
                    replaced.replace(ring[slot], x);
                    reference.remove(ring[slot]);
                } else {
                    replaced.add(x);
                }
                reference.add(x);
                ring[slot] = x;
                assertThat(replaced.count()).isEqualTo(reference.count());
                for (int i = 0; i < reference.count(); i++) {
                    assertThat(Double.doubleToRawLongBits(replaced.get(i))).as("size %d row %d index %d", size, row, i)
                            .isEqualTo(Double.doubleToRawLongBits(reference.get(i)));
                }
            }
        }
    }

    @Test
    void replacingAValueThatIsNotThereIsAnError() {
        SortedWindow window = new SortedWindow(3);
        window.add(1);
        window.add(2);
        assertThatThrownBy(() -> window.replace(5, 3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("5.0 is not in the window");
    }
}

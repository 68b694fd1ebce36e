package org.nautilus.grid.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void percentiles_are_within_a_sixteenth_above_the_true_value() {
        Durations d = new Durations();
        for (long v = 1; v <= 10_000; v++) {
            d.record(v * 1_000);
        }

        Durations.Snapshot s = d.snapshot();

        assertThat(s.count()).isEqualTo(10_000);
        assertThat(s.percentileNanos(50)).isBetween(5_000_000L, 5_000_000L + 5_000_000L / 16);
        assertThat(s.percentileNanos(99)).isBetween(9_900_000L, 9_900_000L + 9_900_000L / 16);
        assertThat(s.percentileNanos(100)).isEqualTo(10_000_000L);
        assertThat(s.maxNanos()).isEqualTo(10_000_000L);
    }

    @Test
    void small_values_are_exact_and_negative_ones_count_as_zero() {
        Durations d = new Durations();
        d.record(-5);
        d.record(3);
        d.record(15);

        Durations.Snapshot s = d.snapshot();

        assertThat(s.percentileNanos(1)).isZero();
        assertThat(s.percentileNanos(50)).isEqualTo(3);
        assertThat(s.percentileNanos(100)).isEqualTo(15);
    }

    @Test
    void the_difference_of_two_snapshots_holds_what_was_recorded_between_them() {
        Durations d = new Durations();
        d.record(1_000_000_000L);
        Durations.Snapshot before = d.snapshot();
        for (int i = 0; i < 100; i++) {
            d.record(2_000);
        }

        Durations.Snapshot between = d.snapshot().minus(before);

        assertThat(between.count()).isEqualTo(100);
        assertThat(between.percentileNanos(99.9)).isBetween(2_000L, 2_000L + 2_000 / 16);
        assertThat(between.toString()).startsWith("100: p50 2 us");
    }

    @Test
    void every_bucket_holds_the_values_it_names() {
        for (long v : new long[] {0, 1, 15, 16, 17, 31, 32, 1_000, 123_456_789, Long.MAX_VALUE / 3, Long.MAX_VALUE}) {
            int bucket = Durations.bucket(v);
            assertThat(Durations.highest(bucket)).isGreaterThanOrEqualTo(v);
            if (bucket > 0) {
                assertThat(Durations.highest(bucket - 1)).isLessThan(v);
            }
        }
    }
}

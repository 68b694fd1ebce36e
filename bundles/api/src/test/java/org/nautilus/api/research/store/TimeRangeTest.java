package org.nautilus.api.research.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    @Test
    void aMomentIsAnInstantOrADayMeaningItsEnd() {
        assertThat(TimeRange.moment("asOf", "2013-06-28")).isEqualTo(Instant.parse("2013-06-29T00:00:00Z"));
        assertThat(TimeRange.moment("asOf", " 2013-06-28T16:00:00Z ")).isEqualTo(Instant.parse("2013-06-28T16:00:00Z"));
        assertThatThrownBy(() -> TimeRange.moment("--as-of", "friday")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "--as-of 'friday' is not a date (2013-06-28: its end) or an instant (2013-06-28T16:00:00Z)");
    }

    @Test
    void daysAreWholeUtcDaysAndAnInvertedRangeIsRefused() {
        TimeRange june = TimeRange.ofDays(LocalDate.parse("2013-06-01"), LocalDate.parse("2013-06-30"));
        assertThat(june.contains(Instant.parse("2013-07-01T00:00:00Z"))).isTrue(); // the 30th's daily bar ends then
        assertThat(june.contains(Instant.parse("2013-07-01T00:00:01Z"))).isFalse();
        assertThatThrownBy(() -> TimeRange.ofDays(LocalDate.parse("2013-07-01"), LocalDate.parse("2013-06-01")))
                .hasMessageContaining("inverted date range");
    }
}

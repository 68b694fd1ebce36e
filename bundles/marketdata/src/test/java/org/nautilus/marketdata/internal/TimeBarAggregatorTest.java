package org.nautilus.marketdata.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;

class TimeBarAggregatorTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final Instant T0 = Instant.parse("2024-03-01T14:30:00Z");

    private final List<Bar> bars = new ArrayList<>();
    private final TimeBarAggregator minute = new TimeBarAggregator(AAPL, Duration.ofMinutes(1));

    @Test
    void aBarIsPublishedOnlyWhenATickAfterItsEndArrives() {
        trade(0, "100", "10");
        trade(30, "101", "5");
        trade(59_999, "99.5", "1");
        assertThat(bars).isEmpty();

        trade(60_000, "102", "7");

        assertThat(bars).singleElement().satisfies(bar -> {
            assertThat(bar.start()).isEqualTo(T0);
            assertThat(bar.end()).isEqualTo(T0.plusSeconds(60));
            assertThat(bar.open()).isEqualTo(Price.of("100"));
            assertThat(bar.high()).isEqualTo(Price.of("101"));
            assertThat(bar.low()).isEqualTo(Price.of("99.5"));
            assertThat(bar.close()).isEqualTo(Price.of("99.5"));
            assertThat(bar.volume()).isEqualTo(Quantity.of("16"));
        });
    }

    @Test
    void advancingEventTimeClosesTheBarAtItsEndAndNotBefore() {
        trade(10_000, "100", "1");

        minute.advanceTo(T0.plusMillis(59_999), bars::add);
        assertThat(bars).isEmpty();

        minute.advanceTo(T0.plusSeconds(60), bars::add);
        assertThat(bars).hasSize(1);
    }

    @Test
    void aGapGivesNoInventedBarsAndTheNextBarIsAlignedToItsOwnInterval() {
        trade(5_000, "100", "1");
        trade(3 * 60_000 + 17_000, "105", "2");
        trade(4 * 60_000, "106", "1");

        assertThat(bars).extracting(Bar::start).containsExactly(T0, T0.plusSeconds(180));
        assertThat(bars.get(1).end()).isEqualTo(T0.plusSeconds(240));
        assertThat(bars.get(1).open()).isEqualTo(Price.of("105"));
    }

    @Test
    void outOfOrderTicksInsideTheOpenBarSetOpenAndCloseByTimestamp() {
        trade(20_000, "101", "1");
        trade(5_000, "100", "1"); // earlier: becomes the open
        trade(50_000, "103", "1");
        trade(40_000, "102", "1"); // earlier than the last: not the close

        minute.advanceTo(T0.plusSeconds(60), bars::add);

        Bar bar = bars.get(0);
        assertThat(bar.open()).isEqualTo(Price.of("100"));
        assertThat(bar.close()).isEqualTo(Price.of("103"));
        assertThat(bar.high()).isEqualTo(Price.of("103"));
        assertThat(bar.low()).isEqualTo(Price.of("100"));
        assertThat(bar.volume()).isEqualTo(Quantity.of("4"));
    }

    @Test
    void aTickForAClosedIntervalIsLateAndDoesNotReviseThePublishedBar() {
        trade(1_000, "100", "1");
        trade(61_000, "110", "1"); // closes the first bar
        trade(59_000, "50", "1000"); // late

        assertThat(minute.lateTicks()).isEqualTo(1);
        assertThat(bars).singleElement().satisfies(bar -> {
            assertThat(bar.low()).isEqualTo(Price.of("100"));
            assertThat(bar.volume()).isEqualTo(Quantity.of("1"));
        });

        minute.advanceTo(T0.plusSeconds(120), bars::add);
        assertThat(bars.get(1).low()).isEqualTo(Price.of("110"));
    }

    @Test
    void anIntervalWhoseEndPassedEmptyIsClosedToLateTicks() {
        trade(1_000, "100", "1");
        minute.advanceTo(T0.plusSeconds(200), bars::add);

        trade(130_000, "90", "1"); // interval [120s, 180s) ended before this arrived

        assertThat(minute.lateTicks()).isEqualTo(1);
        minute.advanceTo(T0.plusSeconds(400), bars::add);
        assertThat(bars).hasSize(1);
    }

    @Test
    void withoutTradesTheBarIsMadeFromQuoteMidsWithZeroVolume() {
        mid(0, "100");
        mid(10_000, "100.5");
        mid(20_000, "99");
        minute.advanceTo(T0.plusSeconds(60), bars::add);

        assertThat(bars).singleElement().satisfies(bar -> {
            assertThat(bar.open()).isEqualTo(Price.of("100"));
            assertThat(bar.high()).isEqualTo(Price.of("100.5"));
            assertThat(bar.low()).isEqualTo(Price.of("99"));
            assertThat(bar.close()).isEqualTo(Price.of("99"));
            assertThat(bar.volume()).isEqualTo(Quantity.ZERO);
        });
    }

    @Test
    void whenTheIntervalHasTradesQuoteMidsDoNotEnterTheBar() {
        mid(0, "150");
        trade(1_000, "100", "2");
        mid(2_000, "50");
        minute.advanceTo(T0.plusSeconds(60), bars::add);

        assertThat(bars.get(0).high()).isEqualTo(Price.of("100"));
        assertThat(bars.get(0).low()).isEqualTo(Price.of("100"));
        assertThat(bars.get(0).volume()).isEqualTo(Quantity.of("2"));
    }

    @Test
    void dailyBarsAreAlignedToUtcMidnight() {
        TimeBarAggregator daily = new TimeBarAggregator(AAPL, Duration.ofDays(1));
        daily.onTrade(Instant.parse("2024-03-01T23:59:59Z"), Price.of("1"), Quantity.of("1"), bars::add);
        daily.onTrade(Instant.parse("2024-03-02T00:00:00Z"), Price.of("2"), Quantity.of("1"), bars::add);

        assertThat(bars).singleElement().satisfies(bar -> {
            assertThat(bar.start()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
            assertThat(bar.end()).isEqualTo(Instant.parse("2024-03-02T00:00:00Z"));
        });
    }

    @Test
    void closingAtTheEndOfAFeedPublishesTheOpenBarAndMakesLaterTicksLate() {
        trade(1_000, "100", "1");
        minute.closeOpen(bars::add);
        minute.closeOpen(bars::add);

        assertThat(bars).singleElement().satisfies(bar -> assertThat(bar.end()).isEqualTo(T0.plusSeconds(60)));
        trade(2_000, "101", "1");
        assertThat(minute.lateTicks()).isEqualTo(1);
    }

    @Test
    void dailyBarsFollowTheSessionZoneSoATradingDayIsNeverSplit() {
        ZoneId newYork = ZoneId.of("America/New_York");
        TimeBarAggregator daily = new TimeBarAggregator(AAPL, Duration.ofDays(1), newYork);
        // 2024-03-01 in New York: 09:30 open and 16:00 close are 14:30Z and 21:00Z; 23:30 local is 04:30Z next day
        daily.onTrade(Instant.parse("2024-03-01T14:30:00Z"), Price.of("180"), Quantity.of("1"), bars::add);
        daily.onTrade(Instant.parse("2024-03-02T04:30:00Z"), Price.of("181"), Quantity.of("1"), bars::add);
        assertThat(bars).as("after UTC midnight but the same New York day").isEmpty();

        daily.onTrade(Instant.parse("2024-03-02T05:00:00Z"), Price.of("182"), Quantity.of("1"), bars::add);

        assertThat(bars).singleElement().satisfies(bar -> {
            assertThat(bar.start()).isEqualTo(Instant.parse("2024-03-01T05:00:00Z"));
            assertThat(bar.end()).isEqualTo(Instant.parse("2024-03-02T05:00:00Z"));
            assertThat(bar.close()).isEqualTo(Price.of("181"));
            assertThat(bar.volume()).isEqualTo(Quantity.of("2"));
        });
    }

    @Test
    void theDayOfADaylightSavingChangeLasts23Hours() {
        TimeBarAggregator daily = new TimeBarAggregator(AAPL, Duration.ofDays(1), ZoneId.of("America/New_York"));
        daily.onTrade(Instant.parse("2024-03-10T15:00:00Z"), Price.of("1"), Quantity.of("1"), bars::add);
        daily.advanceTo(Instant.parse("2024-03-11T04:00:00Z"), bars::add);

        assertThat(bars).singleElement().satisfies(bar -> {
            assertThat(bar.start()).isEqualTo(Instant.parse("2024-03-10T05:00:00Z"));
            assertThat(bar.interval()).isEqualTo(Duration.ofHours(23));
        });
    }

    @Test
    void intradayBarsStayEpochAlignedWhateverTheZone() {
        TimeBarAggregator hourly = new TimeBarAggregator(AAPL, Duration.ofHours(1), ZoneId.of("Asia/Kolkata"));
        hourly.onTrade(Instant.parse("2024-03-01T10:15:00Z"), Price.of("1"), Quantity.of("1"), bars::add);
        hourly.advanceTo(Instant.parse("2024-03-01T11:00:00Z"), bars::add);
        assertThat(bars.get(0).start()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
    }

    @Test
    void aNonPositiveIntervalIsRefused() {
        assertThatThrownBy(() -> new TimeBarAggregator(AAPL, Duration.ZERO))
                .hasMessageContaining("must be positive");
    }

    private void trade(long millis, String price, String size) {
        minute.onTrade(T0.plusMillis(millis), Price.of(price), Quantity.of(size), bars::add);
    }

    private void mid(long millis, String price) {
        minute.onQuoteMid(T0.plusMillis(millis), Price.of(price), bars::add);
    }
}

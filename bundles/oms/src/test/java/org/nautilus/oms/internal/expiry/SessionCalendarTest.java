package org.nautilus.oms.internal.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionCalendarTest {

    /** New York 09:30-16:00; 2026-12-25 (a Friday) is a holiday. */
    private final SessionCalendar nyse = SessionCalendar.parse(Map.of(SessionCalendar.HOLIDAYS, "2026-12-25"));

    @Test
    void an_order_entered_during_the_session_expires_at_that_days_close_in_the_calendars_zone() {
        // 10:00 New York on Monday 2026-12-07 (EST, UTC-5).
        assertThat(nyse.sessionClose(Instant.parse("2026-12-07T15:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-12-07T21:00:00Z"));
    }

    @Test
    void an_order_entered_before_the_open_belongs_to_that_days_session() {
        assertThat(nyse.sessionClose(Instant.parse("2026-12-07T12:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-12-07T21:00:00Z"));
    }

    @Test
    void an_order_entered_at_or_after_the_close_expires_at_the_next_sessions_close() {
        assertThat(nyse.sessionClose(Instant.parse("2026-12-07T21:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-12-08T21:00:00Z"));
    }

    @Test
    void weekends_and_holidays_have_no_session() {
        // Thursday 2026-12-24 after the close: Friday is Christmas, then the weekend: Monday's close.
        assertThat(nyse.sessionClose(Instant.parse("2026-12-24T22:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-12-28T21:00:00Z"));
        assertThat(nyse.tradingDay(LocalDate.parse("2026-12-26"))).isFalse();
        assertThat(nyse.tradingDay(LocalDate.parse("2026-12-28"))).isTrue();
    }

    @Test
    void the_close_follows_daylight_saving_time() {
        // 2026-07-01: EDT, UTC-4.
        assertThat(nyse.sessionClose(Instant.parse("2026-07-01T14:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-07-01T20:00:00Z"));
    }

    @Test
    void every_key_is_read_from_the_configuration() {
        SessionCalendar calendar = SessionCalendar.parse(Map.of(SessionCalendar.ZONE, "Europe/London",
                SessionCalendar.OPEN, "08:00", SessionCalendar.CLOSE, "16:30:15", SessionCalendar.WEEKEND,
                "friday,saturday",
                SessionCalendar.HOLIDAYS, "2026-12-28, 2026-12-29"));

        assertThat(calendar.zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(calendar.open()).isEqualTo(LocalTime.of(8, 0));
        assertThat(calendar.close()).isEqualTo(LocalTime.of(16, 30, 15));
        assertThat(calendar.weekend()).containsExactlyInAnyOrder(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);
        assertThat(calendar.holidays()).containsExactlyInAnyOrder(LocalDate.parse("2026-12-28"),
                LocalDate.parse("2026-12-29"));
    }

    @Test
    void a_market_without_a_weekend_trades_every_day() {
        SessionCalendar everyDay = SessionCalendar.parse(Map.of(SessionCalendar.WEEKEND, "NONE"));

        assertThat(everyDay.weekend()).isEmpty();
        assertThat(everyDay.sessionClose(Instant.parse("2026-12-05T15:00:00Z")).toInstant()) // a Saturday
                .isEqualTo(Instant.parse("2026-12-05T21:00:00Z"));
    }

    @Test
    void missing_keys_keep_the_default_new_york_session() {
        assertThat(SessionCalendar.parse(Map.of())).isEqualTo(SessionCalendar.DEFAULT);
        assertThat(SessionCalendar.parse(Map.of(SessionCalendar.CLOSE, " "))).isEqualTo(SessionCalendar.DEFAULT);
    }

    @Test
    void a_value_that_cannot_be_read_names_its_key_and_value() {
        assertThatThrownBy(() -> SessionCalendar.parse(Map.of(SessionCalendar.CLOSE, "4pm")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session.close")
                .hasMessageContaining("'4pm'");
        assertThatThrownBy(() -> SessionCalendar.parse(Map.of(SessionCalendar.ZONE, "Mars/Olympus")))
                .hasMessageContaining("session.zone");
        assertThatThrownBy(() -> SessionCalendar.parse(Map.of(SessionCalendar.WEEKEND, "SATURDAY,FUNDAY")))
                .hasMessageContaining("session.weekend").hasMessageContaining("FUNDAY");
        assertThatThrownBy(() -> SessionCalendar.parse(Map.of(SessionCalendar.HOLIDAYS, "2026-13-01")))
                .hasMessageContaining("session.holidays");
    }

    @Test
    void a_close_before_the_open_or_a_week_without_sessions_is_refused() {
        assertThatThrownBy(() -> SessionCalendar.parse(Map.of(SessionCalendar.OPEN, "17:00")))
                .hasMessageContaining("session.close 16:00 must be after session.open 17:00");
        assertThatThrownBy(() -> SessionCalendar.parse(Map.of(SessionCalendar.WEEKEND,
                "MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY")))
                        .hasMessageContaining("no session");
    }
}

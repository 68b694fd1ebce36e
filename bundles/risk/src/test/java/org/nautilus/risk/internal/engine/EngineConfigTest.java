package org.nautilus.risk.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.PortfolioId;

class EngineConfigTest {

    @Test
    void aTradingDayStartingAt17NewYorkRollsAt17() {
        EngineConfig c = EngineConfig.of("1000000", "America/New_York", "17:00", "0.95", 250, 20, 60_000, 1024, 1000,
                Map.of());

        assertThat(c.tradingDay(Instant.parse("2025-03-03T21:59:59Z"))).isEqualTo(LocalDate.of(2025, 3, 2));
        assertThat(c.tradingDay(Instant.parse("2025-03-03T22:00:00Z"))).isEqualTo(LocalDate.of(2025, 3, 3));
    }

    @Test
    void capitalCanBeSetPerPortfolio() {
        EngineConfig c = EngineConfig.of("1000000", "UTC", "00:00", "0.95", 250, 20, 60_000, 1024, 1000,
                Map.of("portfolio.alpha.capital", "250_000"));

        assertThat(c.capital().get(PortfolioId.of("alpha"))).isEqualTo(Money.ofWhole(250_000));
        assertThat(c.capital().get(PortfolioId.of("main"))).isEqualTo(Money.ofWhole(1_000_000));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> EngineConfig.of("1000000", "Mars/Olympus", "00:00", "0.95", 250, 20, 60_000, 1024,
                1000, Map.of())).hasMessage("day.zone = 'Mars/Olympus': not a time zone (e.g. UTC, America/New_York)");
        assertThatThrownBy(() -> EngineConfig.of("1000000", "UTC", "00:00", "95", 250, 20, 60_000, 1024, 1000,
                Map.of())).hasMessage("var.confidence must be between 0.5 and 1, got 95");
        assertThatThrownBy(() -> EngineConfig.of("lots", "UTC", "00:00", "0.95", 250, 20, 60_000, 1024, 1000,
                Map.of())).hasMessageStartingWith("capital = 'lots': not a number");
    }

    @Test
    void theTradingDayOfAnInstantIsTheDayWhoseWindowHoldsIt() {
        EngineConfig c = EngineConfig.of("1000000", "America/New_York", "17:00", "0.95", 250, 20, 60_000, 1024, 1000,
                Map.of());
        LocalDate day = c.tradingDay(Instant.parse("2025-03-09T12:00:00Z")); // DST starts that Sunday in New York
        Instant start = day.atTime(c.dayStart()).atZone(c.dayZone()).toInstant();
        Instant end = day.plusDays(1).atTime(c.dayStart()).atZone(c.dayZone()).toInstant();

        assertThat(c.tradingDay(start)).isEqualTo(day);
        assertThat(c.tradingDay(end.minusNanos(1))).isEqualTo(day);
        assertThat(c.tradingDay(end)).isEqualTo(day.plusDays(1));
    }

    @Test
    void mandatoryRulesAreReadFromACommaSeparatedListAndAMalformedNameIsRefusedByKey() {
        EngineConfig c = EngineConfig.defaults().withMandatoryRules(" max-order-quantity,kill-switch  self-trade ");

        Assertions.assertThat(c.mandatoryRules())
                .containsExactlyInAnyOrder("kill-switch", "max-order-quantity", "self-trade");
        Assertions.assertThat(EngineConfig.defaults().withMandatoryRules("").mandatoryRules())
                .isEmpty();
        assertThatThrownBy(() -> EngineConfig.defaults().withMandatoryRules("kill-switch, Max Qty!"))
                .hasMessage("mandatory.rules: 'Max' is not a rule name (e.g. kill-switch, max-order-quantity: see "
                        + "nautilus:risk-rules)");
    }
}

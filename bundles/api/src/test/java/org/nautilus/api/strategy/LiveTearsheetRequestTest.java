package org.nautilus.api.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;

/** A live tearsheet request as the shell and HTTP give it: defaults, the benchmark, and what is refused. */
class LiveTearsheetRequestTest {

    @Test
    void blanksTakeTheDefaultsAndNoBenchmark() {
        LiveTearsheetRequest r = LiveTearsheetRequest.parse("ma-cross", "2024-03-04", null, " ", null, "", null);
        assertThat(r).isEqualTo(new LiveTearsheetRequest(PortfolioId.of("ma-cross"),
                Instant.parse("2024-03-04T00:00:00Z"), null, new BigDecimal("100000"), Duration.ofDays(1), 252, null));
    }

    @Test
    void aBenchmarkIsAnInstrumentSymbol() {
        LiveTearsheetRequest r = LiveTearsheetRequest.parse("p", "2024-03-04", "2024-03-05", "5000", "PT1M", "390",
                " SPY ");
        assertThat(r.benchmark()).isEqualTo(InstrumentId.of("SPY"));
        assertThat(r.to()).isEqualTo(Instant.parse("2024-03-06T00:00:00Z"));
        assertThat(r.interval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aBenchmarkThatIsNoSymbolIsRefusedByName() {
        assertThatThrownBy(() -> LiveTearsheetRequest.parse("p", "2024-03-04", null, null, null, null, "S P Y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("benchmark 'S P Y' is not an "
                        + "instrument symbol: ");
    }
}

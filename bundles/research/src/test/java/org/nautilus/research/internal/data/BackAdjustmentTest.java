package org.nautilus.research.internal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.data.CorporateAction;

class BackAdjustmentTest {

    private static final InstrumentId ACME = InstrumentId.of("ACME");

    private static Bar bar(String date, String close, long volume) {
        Instant start = LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
        Price price = Price.of(close);
        return new Bar(ACME, start, start.plus(Duration.ofDays(1)), price, price, price, price,
                Quantity.ofWhole(volume));
    }

    private static final List<Bar> RAW = List.of(
            bar("2025-01-06", "100", 1000),
            bar("2025-01-07", "102", 1000),
            bar("2025-01-08", "51.5", 2000), // ex-date of a 2-for-1 split
            bar("2025-01-09", "52", 2000),
            bar("2025-01-10", "50", 2000)); // ex-date of a 1.04 dividend

    @Test
    void splitsAndDividendsAreBackAdjustedByHandComputedFactors() {
        List<CorporateAction> actions = List.of(
                new CorporateAction(ACME, LocalDate.parse("2025-01-10"), CorporateAction.Kind.DIVIDEND,
                        new BigDecimal("1.04")),
                new CorporateAction(ACME, LocalDate.parse("2025-01-08"), CorporateAction.Kind.SPLIT,
                        new BigDecimal("2")),
                new CorporateAction(InstrumentId.of("OTHER"), LocalDate.parse("2025-01-09"), CorporateAction.Kind.SPLIT,
                        new BigDecimal("10")));
        List<Bar> adjusted = BackAdjustment.adjust(RAW, actions);

        // dividend factor 1 - 1.04 / 52 = 0.98; split factor 1/2 (volume x 2)
        // 2025-01-10: as traded
        assertThat(adjusted.get(4)).isSameAs(RAW.get(4));
        // 2025-01-09: 52 x 0.98 = 50.96
        assertThat(adjusted.get(3).close()).isEqualTo(Price.of("50.96"));
        assertThat(adjusted.get(3).volume()).isEqualTo(Quantity.ofWhole(2000));
        // 2025-01-08: 51.5 x 0.98 = 50.47
        assertThat(adjusted.get(2).close()).isEqualTo(Price.of("50.47"));
        // 2025-01-07: 102 x 0.98 / 2 = 49.98, volume 1000 x 2
        assertThat(adjusted.get(1).close()).isEqualTo(Price.of("49.98"));
        assertThat(adjusted.get(1).volume()).isEqualTo(Quantity.ofWhole(2000));
        // 2025-01-06: 100 x 0.49 = 49
        assertThat(adjusted.get(0).close()).isEqualTo(Price.of("49"));
        assertThat(adjusted.get(0).open()).isEqualTo(Price.of("49"));
        // the raw bars are untouched
        assertThat(RAW.get(0).close()).isEqualTo(Price.of("100"));
    }

    @Test
    void roundsHalfEvenToEightDecimals() {
        List<Bar> adjusted = BackAdjustment.adjust(List.of(bar("2025-01-06", "100", 1), bar("2025-01-07", "40", 3)),
                List.of(new CorporateAction(ACME, LocalDate.parse("2025-01-07"), CorporateAction.Kind.SPLIT,
                        new BigDecimal("3"))));
        // 100 / 3 = 33.333333333...
        assertThat(adjusted.get(0).close()).isEqualTo(Price.of("33.33333333"));
        assertThat(adjusted.get(0).volume()).isEqualTo(Quantity.ofWhole(3));
    }

    @Test
    void actionsBeforeTheFirstBarChangeNothingAndAnImpossibleDividendIsRefused() {
        assertThat(BackAdjustment.adjust(RAW, List.of(new CorporateAction(ACME, LocalDate.parse("2024-12-01"),
                CorporateAction.Kind.DIVIDEND, new BigDecimal("5"))))).isEqualTo(RAW);
        assertThatThrownBy(() -> BackAdjustment.adjust(RAW, List.of(new CorporateAction(ACME,
                LocalDate.parse("2025-01-07"), CorporateAction.Kind.DIVIDEND, new BigDecimal("100")))))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(
                                "dividend 100 of ACME on 2025-01-07 is not below the close before it, 100 on 2025-01-06");
    }

    @Test
    void readsACorporateActionsFileAndReportsABadRowWithItsLine() throws BarFileException {
        List<CorporateAction> actions = CorporateActionsCsvReader.read(new StringReader("""
                instrument,ex_date,kind,value
                ACME,2025-01-08,split,2
                ACME,2025-01-10,Dividend,1.04
                """), "actions.csv");
        assertThat(actions).containsExactly(
                new CorporateAction(ACME, LocalDate.parse("2025-01-08"), CorporateAction.Kind.SPLIT,
                        new BigDecimal("2")),
                new CorporateAction(ACME, LocalDate.parse("2025-01-10"), CorporateAction.Kind.DIVIDEND,
                        new BigDecimal("1.04")));
        assertThatThrownBy(() -> CorporateActionsCsvReader.read(new StringReader("""
                instrument,ex_date,kind,value
                ACME,2025-01-08,merger,2
                """), "actions.csv")).hasMessage("actions.csv:2: kind 'merger' is neither split nor dividend");
        assertThatThrownBy(() -> CorporateActionsCsvReader.read(new StringReader("""
                instrument,ex_date,kind,value
                ACME,2025-01-08,split,-2
                """), "actions.csv")).hasMessage("actions.csv:2: split of ACME on 2025-01-08 must be positive, got -2");
    }
}

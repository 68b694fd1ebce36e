package org.nautilus.marketdata.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;

class InstrumentsConfigTest {

    @Test
    void parsesSymbolCurrencyTickAndLotWithDefaults() {
        List<Instrument> instruments = InstrumentsConfig.parse(" AAPL:USD:0.01:1 , BTC-USD:USD:0.01:0.0001 ");

        assertThat(instruments).hasSize(2);
        Instrument btc = instruments.get(1);
        assertThat(btc.id().value()).isEqualTo("BTC-USD");
        assertThat(btc.tickSize()).isEqualTo(Price.of("0.01"));
        assertThat(btc.lotSize()).isEqualTo(Quantity.of("0.0001"));
        assertThat(btc.minQuantity()).isEqualTo(Quantity.of("0.0001"));
        assertThat(btc.maxQuantity()).isEqualTo(Quantity.ofWhole(1_000_000));
        assertThat(btc.multiplier()).isEqualTo(Quantity.ofWhole(1));
    }

    @Test
    void parsesOptionalMinMaxAndMultiplier() {
        Instrument es = InstrumentsConfig.parse("ES:USD:0.25:1:1:500:50").get(0);

        assertThat(es.maxQuantity()).isEqualTo(Quantity.ofWhole(500));
        assertThat(es.multiplier()).isEqualTo(Quantity.ofWhole(50));
    }

    @Test
    void anEmptyValueDefinesNothing() {
        assertThat(InstrumentsConfig.parse("  ")).isEmpty();
    }

    @Test
    void aBadEntryIsNamedWithTheReason() {
        assertThatThrownBy(() -> InstrumentsConfig.parse("AAPL:USD:0.01:1, MSFT:USD:abc:1"))
                .hasMessageContaining("MSFT:USD:abc:1").hasMessageContaining("not a number");
        assertThatThrownBy(() -> InstrumentsConfig.parse("AAPL:USD"))
                .hasMessageContaining("expected SYMBOL:CURRENCY:TICK:LOT");
        assertThatThrownBy(() -> InstrumentsConfig.parse("AAPL:usd:0.01:1")).hasMessageContaining("currency");
        assertThatThrownBy(() -> InstrumentsConfig.parse("AAPL:USD:0.01:1,AAPL:USD:0.01:1"))
                .hasMessageContaining("defined twice");
    }
}

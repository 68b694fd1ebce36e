package org.nautilus.routes.internal.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;

class MarketDataMessagesTest {

    private static final Instant NOW = Instant.parse("2024-03-01T14:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void textLinesBecomeQuotesAndTrades() {
        List<Object> events = MarketDataMessages.toEvents("""
                # comment
                Q,AAPL,189.99,200,190.01,300,2024-03-01T14:29:59Z
                T,AAPL,190.00,50

                T,MSFT,420.5,10,1709303400000
                """, CLOCK);

        assertThat(events).containsExactly(
                new Quote(InstrumentId.of("AAPL"), Price.of("189.99"), Quantity.of("200"), Price.of("190.01"),
                        Quantity.of("300"), Instant.parse("2024-03-01T14:29:59Z")),
                new Trade(InstrumentId.of("AAPL"), Price.of("190.00"), Quantity.of("50"), NOW),
                new Trade(InstrumentId.of("MSFT"), Price.of("420.5"), Quantity.of("10"),
                        Instant.ofEpochMilli(1709303400000L)));
    }

    @Test
    void mapsBecomeQuotesOrTrades() {
        Object quote = MarketDataMessages.toEvents(Map.of("symbol", "AAPL", "bid", "1", "ask", "2"), CLOCK).get(0);
        Object trade = MarketDataMessages.toEvents(Map.of("symbol", "AAPL", "price", 3, "size", "4"), CLOCK).get(0);

        assertThat(quote).isEqualTo(new Quote(InstrumentId.of("AAPL"), Price.of("1"), Quantity.ofWhole(1),
                Price.of("2"), Quantity.ofWhole(1), NOW));
        assertThat(trade).isEqualTo(new Trade(InstrumentId.of("AAPL"), Price.of("3"), Quantity.of("4"), NOW));
    }

    @Test
    void domainObjectsAndCollectionsPassThrough() {
        Trade t = new Trade(InstrumentId.of("X"), Price.of("1"), Quantity.of("1"), NOW);
        assertThat(MarketDataMessages.toEvents(List.of(t, t), CLOCK)).containsExactly(t, t);
    }

    @Test
    void badInputSaysWhatWasExpected() {
        assertThatThrownBy(() -> MarketDataMessages.toEvents("X,AAPL,1", CLOCK))
                .hasMessageContaining("bad market data line 'X,AAPL,1'").hasMessageContaining("expected");
        assertThatThrownBy(() -> MarketDataMessages.toEvents("T,AAPL,abc,1", CLOCK))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> MarketDataMessages.toEvents("Q,AAPL,2,1,1,1", CLOCK))
                .hasMessageContaining("crossed quote");
        assertThatThrownBy(() -> MarketDataMessages.toEvents(42, CLOCK))
                .hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> MarketDataMessages.toEvents(Map.of("symbol", "A"), CLOCK))
                .hasMessageContaining("bid/ask");
        assertThatThrownBy(() -> MarketDataMessages.toEvents("T,AAPL,1,1,yesterday", CLOCK))
                .hasMessageContaining("neither ISO-8601 nor epoch millis");
    }
}

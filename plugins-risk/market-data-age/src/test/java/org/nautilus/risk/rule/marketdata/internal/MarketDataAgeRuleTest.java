package org.nautilus.risk.rule.marketdata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.buyLimit;
import static org.nautilus.risk.internal.support.Orders.sellLimit;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.internal.support.Desk;

/** Stale and missing market data in the real risk core, with the quote the market data gateway last had. */
class MarketDataAgeRuleTest {

    private final MarketDataAgeRule rule = new MarketDataAgeRule(Map.of("max.quote.age.ms", "2000"));
    private final Desk desk = new Desk(rule);

    private void quote(String symbol, String bid, String ask) {
        desk.market.define(Instrument.equity(symbol, "USD"));
        desk.market.publish(new Quote(InstrumentId.of(symbol), Price.of(bid), Quantity.ofWhole(100), Price.of(ask),
                Quantity.ofWhole(100), desk.clock.instant()));
    }

    @Test
    void aMarketOrderOnAQuoteOlderThanTheMaximumIsDeniedWithItsAge() {
        quote("AAPL", "99.9", "100.1");
        desk.advance(Duration.ofMillis(2000));
        assertTrue(desk.check(buy(10, "AAPL")).approved(), "2000 ms is the maximum itself");
        desk.advance(Duration.ofMillis(500));
        RiskDecision stale = desk.check(buy(10, "AAPL"));
        assertEquals(MarketDataAgeRule.STALE, stale.code());
        assertTrue(stale.message().startsWith("the last quote of AAPL is 2500 ms old (at most 2000 ms): a MARKET "
                + "order needs a fresh reference (bid 99.9, ask 100.1"), stale.message());
    }

    @Test
    void onlyMarketableLimitOrdersNeedAFreshQuote() {
        quote("AAPL", "99.9", "100.1");
        desk.advance(Duration.ofSeconds(10));
        assertTrue(desk.check(buyLimit(10, "AAPL", "100")).approved(), "a resting bid below the ask");
        assertTrue(desk.check(sellLimit(10, "AAPL", "100")).approved(), "a resting offer above the bid");
        assertEquals(MarketDataAgeRule.STALE, desk.check(buyLimit(10, "AAPL", "100.1")).code());
        assertEquals(MarketDataAgeRule.STALE, desk.check(sellLimit(10, "AAPL", "99.9")).code());
    }

    @Test
    void aMarketOrderWithNoMarketDataAtAllIsDeniedAndStopsPass() {
        desk.equity("NODATA", null);
        assertEquals(MarketDataAgeRule.MISSING, desk.check(buy(1, "NODATA")).code());
        OrderRequest stop = new OrderRequest(ClientOrderId.of("stop-1"), PortfolioId.of("main"),
                InstrumentId.of("NODATA"), Side.SELL, OrderType.STOP, Quantity.ofWhole(1), null, Price.of("90"),
                TimeInForce.GTC, null, null, false, false);
        assertTrue(desk.check(stop).approved());
    }

    @Test
    void anInstrumentPricedFromBarsPassesUnlessAQuoteIsRequired() {
        desk.equity("BARS", "50");
        assertTrue(desk.check(buy(1, "BARS")).approved());
        rule.modified(Map.of("max.quote.age.ms", "2000", "require.quote", "true"));
        assertEquals(MarketDataAgeRule.MISSING, desk.check(buy(1, "BARS")).code());
        assertEquals(MarketDataAgeRule.MISSING, desk.check(buyLimit(1, "BARS", "40")).code());
    }

    @Test
    void badSettingsAreRefused() {
        MarketDataAgeRule defaults = new MarketDataAgeRule(Map.of());
        assertEquals("max.quote.age.ms = '0': must be positive",
                defaults.check(Map.<String, Object> of("max.quote.age.ms", "0")).orElseThrow().reason());
        assertEquals("require.quote = 'yes': true or false",
                defaults.check(Map.<String, Object> of("require.quote", "yes")).orElseThrow().reason());
        assertEquals("market and marketable orders need a quote at most 120000 ms old", defaults.describe());
    }
}

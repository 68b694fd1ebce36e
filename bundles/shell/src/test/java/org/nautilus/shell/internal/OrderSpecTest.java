package org.nautilus.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;

class OrderSpecTest {

    private static OrderRequest parse(String spec) {
        return OrderSpec.parse(spec, 2, ClientOrderId.of("p-2"), PortfolioId.of("desk"), VenueId.of("SIM"),
                TimeInForce.GTC, null);
    }

    @Test
    void a_limit_order_in_trading_words() {
        OrderRequest request = parse("SELL 5 MSFT LIMIT 420.50");

        assertThat(request).isEqualTo(new OrderRequest(ClientOrderId.of("p-2"), PortfolioId.of("desk"),
                InstrumentId.of("MSFT"), Side.SELL, OrderType.LIMIT, Quantity.ofWhole(5), Price.of("420.50"), null,
                TimeInForce.GTC, null, VenueId.of("SIM"), false, false));
    }

    @Test
    void without_a_type_it_is_a_market_order_and_words_are_case_insensitive() {
        OrderRequest request = parse("  buy 0.5 btc-usd ");

        assertThat(request.type()).isEqualTo(OrderType.MARKET);
        assertThat(request.side()).isEqualTo(Side.BUY);
        assertThat(request.instrumentId()).isEqualTo(InstrumentId.of("BTC-USD"));
        assertThat(request.quantity()).isEqualTo(Quantity.of("0.5"));
    }

    @Test
    void a_stop_limit_takes_the_stop_then_the_limit() {
        OrderRequest request = parse("SELL 5 MSFT STOP_LIMIT 380 379.5");

        assertThat(request.stopPrice()).isEqualTo(Price.of("380"));
        assertThat(request.limitPrice()).isEqualTo(Price.of("379.5"));
        assertThat(parse("SELL 5 MSFT STOP 380").stopPrice()).isEqualTo(Price.of("380"));
    }

    @Test
    void the_commands_time_in_force_and_expire_time_apply() {
        Instant expire = Instant.parse("2026-12-31T21:00:00Z");
        OrderRequest request = OrderSpec.parse("BUY 1 MSFT LIMIT 400", 1, ClientOrderId.of("p-1"),
                PortfolioId.of("desk"), null, TimeInForce.GTD, expire);

        assertThat(request.timeInForce()).isEqualTo(TimeInForce.GTD);
        assertThat(request.expireTime()).isEqualTo(expire);
        assertThat(request.venueId()).isNull();
    }

    @Test
    void a_wrong_order_says_which_one_what_is_wrong_and_how_to_write_it() {
        assertThatThrownBy(() -> parse("SELL five MSFT LIMIT 420"))
                .hasMessageStartingWith("order 2 'SELL five MSFT LIMIT 420': quantity 'five' is not a number")
                .hasMessageContaining(OrderSpec.SYNTAX);
        assertThatThrownBy(() -> parse("SELL 5 MSFT LIMIT")).hasMessageContaining("a LIMIT order takes 1 price(s)");
        assertThatThrownBy(() -> parse("SELL 5 MSFT STOP_LIMIT 380"))
                .hasMessageContaining("a STOP_LIMIT order takes 2 price(s) after its type (the stop, then the limit)");
        assertThatThrownBy(() -> parse("HOLD 5 MSFT")).hasMessageContaining("unknown side 'HOLD'");
        assertThatThrownBy(() -> parse("SELL 5")).hasMessageContaining("expected at least side, quantity and symbol");
        assertThatThrownBy(() -> parse("SELL 5 MSFT ICEBERG 3")).hasMessageContaining("unknown order type 'ICEBERG'");
        assertThatThrownBy(() -> parse("SELL 5 MSFT MARKET 3")).hasMessageContaining("a MARKET order takes 0 price(s)");
    }
}

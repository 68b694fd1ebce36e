package org.nautilus.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;

class OrdersResourceTest {

    private static final OrderRequest BUY = OrderRequest.market(ClientOrderId.of("r-1"), PortfolioId.of("default"),
            InstrumentId.of("AAPL"), Side.BUY, Quantity.of("5000"));

    @Test
    void aDeniedOrderIs422WithItsRejectCodeAndTheReasonAsItIs() {
        Order denied = new Order(OrderId.of(9), BUY, OrderStatus.DENIED, Quantity.ZERO, null, null,
                "max-order-quantity: max order quantity 1000 exceeded: 5000", RejectCode.MAX_ORDER_QUANTITY,
                Instant.EPOCH, Instant.EPOCH);

        ApiError error = OrderEntry.refusal(denied);

        assertThat(error.status()).isEqualTo(422);
        assertThat(Json.write(error)).contains("\"code\":\"MAX_ORDER_QUANTITY\"")
                .contains("\"message\":\"max-order-quantity: max order quantity 1000 exceeded: 5000\"")
                .contains("\"orderId\":\"9\"");
    }

    @Test
    void aRejectedOrderWithoutACodeIs422WithTheVenuesGenericCode() {
        Order rejected = new Order(OrderId.of(10), BUY, OrderStatus.REJECTED, Quantity.ZERO, null, null,
                "no liquidity", Instant.EPOCH, Instant.EPOCH);

        assertThat(OrderEntry.refusal(rejected).code()).isEqualTo("VENUE_REJECTED");
    }

    @Test
    void theOrderViewCarriesTheRejectCode() {
        Order denied = new Order(OrderId.of(9), BUY, OrderStatus.DENIED, Quantity.ZERO, null, null, "halted",
                RejectCode.TRADING_HALTED, Instant.EPOCH, Instant.EPOCH);

        assertThat(Json.write(OrderView.of(denied))).contains("\"rejectCode\":\"TRADING_HALTED\"");
    }
}

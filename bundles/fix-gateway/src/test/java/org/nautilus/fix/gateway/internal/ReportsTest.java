package org.nautilus.fix.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import quickfix.Message;
import quickfix.field.ExecType;

class ReportsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final OrderRequest BUY_10_AT_100 = OrderRequest.limit(ClientOrderId.of("fix:C1:a"),
            PortfolioId.of("p"), InstrumentId.of("MSFT"), Side.BUY, Quantity.ofWhole(10), Price.ofWhole(100));

    private static Order order(OrderStatus status, long filled, Price average) {
        return new Order(OrderId.of(7), BUY_10_AT_100, status, Quantity.ofWhole(filled), average, VenueId.of("SIM"),
                null, NOW, NOW);
    }

    private static Fill fill(long quantity) {
        return new Fill("e1", OrderId.of(7), PortfolioId.of("p"), InstrumentId.of("MSFT"), VenueId.of("SIM"),
                Side.BUY, Quantity.ofWhole(quantity), Price.ofWhole(99), Money.of("0"), NOW);
    }

    @Test
    void aPartialFillIn44IsATradeWithCumLeavesAndAvgPx() throws Exception {
        Message report = Reports.executionReport("FIX.4.4", order(OrderStatus.PARTIALLY_FILLED, 4, Price.ofWhole(99)),
                "a", null, "7-3", ExecType.TRADE, fill(4), null);
        assertThat(report.getChar(ExecType.FIELD)).isEqualTo('F');
        assertThat(report.getChar(39)).isEqualTo('1');
        assertThat(report.getDecimal(14)).isEqualByComparingTo("4");
        assertThat(report.getDecimal(151)).isEqualByComparingTo("6");
        assertThat(report.getDecimal(6)).isEqualByComparingTo("99");
        assertThat(report.getDecimal(32)).isEqualByComparingTo("4");
        assertThat(report.isSetField(20)).as("4.4 has no ExecTransType").isFalse();
    }

    @Test
    void theLastFillIn42IsExecTypeFillWithExecTransTypeNewAndNoLeaves() throws Exception {
        Message report = Reports.executionReport("FIX.4.2", order(OrderStatus.FILLED, 10, Price.ofWhole(99)), "a",
                null, "7-4", ExecType.TRADE, fill(6), null);
        assertThat(report.getChar(ExecType.FIELD)).isEqualTo('2');
        assertThat(report.getChar(20)).isEqualTo('0');
        assertThat(report.getChar(39)).isEqualTo('2');
        assertThat(report.getDecimal(151)).isEqualByComparingTo("0");
    }

    @Test
    void aStatusIn42IsExecTransTypeStatusWithTheOrdersStatusAsExecType() throws Exception {
        Message report = Reports.executionReport("FIX.4.2", order(OrderStatus.ACCEPTED, 0, null), "a", null, "x1",
                ExecType.ORDER_STATUS, null, null);
        assertThat(report.getChar(20)).isEqualTo('3');
        assertThat(report.getChar(ExecType.FIELD)).isEqualTo('0');
        assertThat(report.getDecimal(6)).isEqualByComparingTo("0");
    }

    @Test
    void aCanceledOrderHasNoLeavesAndARejectedOneCarriesOrdRejReason() throws Exception {
        Message canceled = Reports.executionReport("FIX.4.4", order(OrderStatus.CANCELED, 4, Price.ofWhole(99)), "b",
                "a", "7-5", ExecType.CANCELED, null, null);
        assertThat(canceled.getDecimal(151)).isEqualByComparingTo("0");
        assertThat(canceled.getString(41)).isEqualTo("a");
        Order denied = new Order(OrderId.of(7), BUY_10_AT_100, OrderStatus.DENIED, Quantity.ZERO, null, null,
                "max-order-quantity: too big", RejectCode.MAX_ORDER_QUANTITY, NOW, NOW);
        Message rejected = Reports.executionReport("FIX.4.4", denied, "a", null, "7-2", ExecType.REJECTED, null,
                "MAX_ORDER_QUANTITY: too big");
        assertThat(rejected.getInt(103)).as("order exceeds limit").isEqualTo(3);
        assertThat(rejected.getString(58)).startsWith("MAX_ORDER_QUANTITY");
        Message noCode = Reports.executionReport("FIX.4.4", order(OrderStatus.REJECTED, 0, null), "a", null, "7-3",
                ExecType.REJECTED, null, "VENUE_REJECTED: no");
        assertThat(noCode.getInt(103)).as("other").isEqualTo(99);
    }

    @Test
    void rejectCodesMapToOrdRejReasonWithinWhatEachVersionKnows() {
        assertThat(FixValues.ordRejReason(RejectCode.UNKNOWN_INSTRUMENT, false)).isEqualTo(1);
        assertThat(FixValues.ordRejReason(RejectCode.TRADING_HALTED, false)).isEqualTo(2);
        assertThat(FixValues.ordRejReason(RejectCode.DUPLICATE_ORDER, true)).isEqualTo(6);
        assertThat(FixValues.ordRejReason(RejectCode.LOT_SIZE, false)).isEqualTo(13);
        assertThat(FixValues.ordRejReason(RejectCode.LOT_SIZE, true)).as("4.2 has no 13").isZero();
        assertThat(FixValues.ordRejReason(RejectCode.RULE_DENIED, false)).isEqualTo(99);
        assertThat(FixValues.ordRejReason(RejectCode.RULE_DENIED, true)).isZero();
    }

    @Test
    void aCancelRejectMapsTheOmsCodeToCxlRejReason() throws Exception {
        Message reject = Reports.cancelReject("FIX.4.4", order(OrderStatus.FILLED, 10, Price.ofWhole(99)), "c", "a",
                '1', "ORDER_TERMINAL", "order 7 is FILLED");
        assertThat(reject.getInt(102)).isZero();
        assertThat(reject.getChar(39)).isEqualTo('2');
        assertThat(reject.getString(58)).isEqualTo("ORDER_TERMINAL: order 7 is FILLED");
    }
}

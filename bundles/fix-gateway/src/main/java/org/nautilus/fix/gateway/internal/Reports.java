package org.nautilus.fix.gateway.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.RejectCode;
import quickfix.FixVersions;
import quickfix.Message;
import quickfix.field.Account;
import quickfix.field.AvgPx;
import quickfix.field.BusinessRejectReason;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecTransType;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.Side;
import quickfix.field.StopPx;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;

/**
 * Builds the messages the gateway sends (ExecutionReport 8, OrderCancelReject 9, BusinessMessageReject j) for FIX 4.2
 * and 4.4 from the OMS's orders. CumQty, LeavesQty and AvgPx are the order's (LeavesQty 0 once it is terminal), as
 * both versions define them; the one version difference that matters here is 4.2's ExecTransType and its
 * partial-fill/fill ExecTypes where 4.4 has Trade (F) and Order Status (I).
 */
final class Reports {

    private Reports() {
    }

    static boolean isFix42(String beginString) {
        return FixVersions.BEGINSTRING_FIX42.equals(beginString);
    }

    /**
     * An ExecutionReport of the order as it stands.
     *
     * @param execId   unique per report ({@code <order id>-<event version>} for events, so a restart never repeats one)
     * @param execType the 4.4 ExecType (4.2's is derived: Trade becomes partial fill or fill, Order Status becomes the
     *                 order's status with ExecTransType 3 Status)
     * @param fill     the execution of a Trade report, otherwise {@code null}
     * @param text     Text (58), e.g. the OMS's reason with its code, or {@code null}
     */
    static Message executionReport(String beginString, Order order, String clOrdId, String origClOrdId, String execId,
            char execType, Fill fill, String text) {
        boolean fix42 = isFix42(beginString);
        Message report = message(MsgType.EXECUTION_REPORT);
        char status = FixValues.ordStatus(order.status(), order.filledQuantity());
        report.setString(OrderID.FIELD, order.id().toString());
        report.setString(ClOrdID.FIELD, clOrdId);
        if (origClOrdId != null) {
            report.setString(OrigClOrdID.FIELD, origClOrdId);
        }
        report.setString(ExecID.FIELD, execId);
        if (fix42) {
            report.setChar(ExecTransType.FIELD, execType == ExecType.ORDER_STATUS ? ExecTransType.STATUS
                    : ExecTransType.NEW);
            report.setChar(ExecType.FIELD, switch (execType) {
                case ExecType.TRADE -> order.leavesQuantity().isZero() ? ExecType.FILL : ExecType.PARTIAL_FILL;
                case ExecType.ORDER_STATUS -> status;
                default -> execType;
            });
        } else {
            report.setChar(ExecType.FIELD, execType);
        }
        report.setChar(OrdStatus.FIELD, status);
        if (status == OrdStatus.REJECTED) {
            // The reject code's nearest FIX value; the code itself is in Text.
            RejectCode code = RejectCode.orDefault(order.rejectCode(), order.status() == OrderStatus.DENIED
                    ? OrderStatus.DENIED
                    : OrderStatus.REJECTED);
            report.setInt(OrdRejReason.FIELD, FixValues.ordRejReason(code, fix42));
        }
        OrderRequest request = order.request();
        report.setString(Account.FIELD, order.portfolioId().value());
        report.setString(Symbol.FIELD, order.instrumentId().value());
        report.setChar(Side.FIELD, FixValues.side(order.side()));
        report.setChar(OrdType.FIELD, FixValues.orderType(request.type()));
        report.setChar(TimeInForce.FIELD, FixValues.timeInForce(request.timeInForce()));
        report.setDecimal(OrderQty.FIELD, request.quantity().toBigDecimal());
        if (request.limitPrice() != null) {
            report.setDecimal(Price.FIELD, request.limitPrice().toBigDecimal());
        }
        if (request.stopPrice() != null) {
            report.setDecimal(StopPx.FIELD, request.stopPrice().toBigDecimal());
        }
        if (fill != null) {
            report.setDecimal(LastQty.FIELD, fill.quantity().toBigDecimal());
            report.setDecimal(LastPx.FIELD, fill.price().toBigDecimal());
        }
        report.setDecimal(LeavesQty.FIELD, order.leavesQuantity().toBigDecimal());
        report.setDecimal(CumQty.FIELD, order.filledQuantity().toBigDecimal());
        report.setDecimal(AvgPx.FIELD, order.averagePrice() == null ? BigDecimal.ZERO
                : order.averagePrice().toBigDecimal());
        report.setUtcTimeStamp(TransactTime.FIELD, utc(order.updatedAt()), true);
        if (text != null) {
            report.setString(Text.FIELD, text);
        }
        return report;
    }

    /**
     * An ExecutionReport rejecting an order the OMS never created (it was unavailable): OrderID NONE, nothing
     * filled.
     */
    static Message rejectUnknown(String beginString, String clOrdId, String symbol, char side, String execId,
            String text) {
        boolean fix42 = isFix42(beginString);
        Message report = message(MsgType.EXECUTION_REPORT);
        report.setString(OrderID.FIELD, "NONE");
        report.setString(ClOrdID.FIELD, clOrdId);
        report.setString(ExecID.FIELD, execId);
        if (fix42) {
            report.setChar(ExecTransType.FIELD, ExecTransType.NEW);
        }
        report.setChar(ExecType.FIELD, ExecType.REJECTED);
        report.setChar(OrdStatus.FIELD, OrdStatus.REJECTED);
        report.setInt(OrdRejReason.FIELD, fix42 ? OrdRejReason.BROKER_EXCHANGE_OPTION : OrdRejReason.OTHER);
        report.setString(Symbol.FIELD, symbol);
        report.setChar(Side.FIELD, side);
        report.setDecimal(LeavesQty.FIELD, BigDecimal.ZERO);
        report.setDecimal(CumQty.FIELD, BigDecimal.ZERO);
        report.setDecimal(AvgPx.FIELD, BigDecimal.ZERO);
        report.setUtcTimeStamp(TransactTime.FIELD, utc(Instant.now()), true);
        report.setString(Text.FIELD, text);
        return report;
    }

    /**
     * An OrderCancelReject (9).
     *
     * @param order      the order, or {@code null} if unknown (OrderID NONE, OrdStatus Rejected)
     * @param responseTo {@link CxlRejResponseTo#ORDER_CANCEL_REQUEST} or
     *                   {@link CxlRejResponseTo#ORDER_CANCEL_REPLACE_REQUEST}
     */
    static Message cancelReject(String beginString, Order order, String clOrdId, String origClOrdId, char responseTo,
            String code, String text) {
        boolean fix42 = isFix42(beginString);
        Message reject = message(MsgType.ORDER_CANCEL_REJECT);
        reject.setString(OrderID.FIELD, order == null ? "NONE" : order.id().toString());
        reject.setString(ClOrdID.FIELD, clOrdId);
        reject.setString(OrigClOrdID.FIELD, origClOrdId == null ? "NONE" : origClOrdId);
        reject.setChar(OrdStatus.FIELD, order == null ? OrdStatus.REJECTED
                : FixValues.ordStatus(order.status(), order.filledQuantity()));
        reject.setChar(CxlRejResponseTo.FIELD, responseTo);
        reject.setInt(CxlRejReason.FIELD, switch (code) {
            case "ORDER_TERMINAL" -> CxlRejReason.TOO_LATE_TO_CANCEL;
            case "UNKNOWN_ORDER" -> CxlRejReason.UNKNOWN_ORDER;
            case "CANCEL_PENDING", "AMEND_PENDING" ->
                    CxlRejReason.ORDER_ALREADY_IN_PENDING_CANCEL_OR_PENDING_REPLACE_STATUS;
            default -> fix42 ? CxlRejReason.BROKER_EXCHANGE_OPTION : 99;
        });
        reject.setString(Text.FIELD, code + ": " + text);
        return reject;
    }

    /** A BusinessMessageReject (j) of a message of type {@code refMsgType}; {@code refId} is its ClOrdID if any. */
    static Message businessReject(String refMsgType, int refSeqNum, String refId, int reason, String code,
            String text) {
        Message reject = message(MsgType.BUSINESS_MESSAGE_REJECT);
        if (refSeqNum > 0) {
            reject.setInt(RefSeqNum.FIELD, refSeqNum);
        }
        reject.setString(RefMsgType.FIELD, refMsgType);
        if (refId != null) {
            reject.setString(BusinessRejectRefID.FIELD, refId);
        }
        reject.setInt(BusinessRejectReason.FIELD, reason);
        reject.setString(Text.FIELD, code + ": " + text);
        return reject;
    }

    static Message message(String type) {
        Message message = new Message();
        message.getHeader().setString(MsgType.FIELD, type);
        return message;
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

package org.nautilus.fix.gateway.internal;

import java.math.BigDecimal;
import java.util.function.Function;
import java.util.function.Predicate;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import quickfix.FieldException;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.IncorrectDataFormat;
import quickfix.IncorrectTagValue;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.SessionRejectReason;

/**
 * The one translation between FIX field values and the OMS's domain values, for both FIX 4.2 and 4.4 (the codes used
 * here mean the same in both). A value the OMS has no meaning for is an {@link IncorrectTagValue} naming the tag, so
 * QuickFIX/J answers it with a session Reject (3) and nothing reaches the OMS.
 */
final class FixValues {

    private FixValues() {
    }

    /**
     * OrdRejReason (103) of a refused order from its reject code (the code itself goes in Text). FIX 4.2 knows only
     * 0-6, so what has no value there is 0 (broker option); 4.4's catch-all is 99 (other).
     */
    static int ordRejReason(RejectCode code, boolean fix42) {
        int reason = switch (code) {
            case UNKNOWN_INSTRUMENT, SYMBOL_NOT_ALLOWED -> OrdRejReason.UNKNOWN_SYMBOL;
            case TRADING_HALTED, VENUE_CLOSED -> OrdRejReason.EXCHANGE_CLOSED;
            case MAX_ORDER_QUANTITY, MAX_NOTIONAL, MAX_POSITION, MAX_LEVERAGE, MAX_DAILY_LOSS, ORDER_RATE, PRICE_COLLAR,
                    CREDIT_LIMIT, CONCENTRATION, AMEND_RATE, CANCEL_RATE, FILL_RATE -> OrdRejReason.ORDER_EXCEEDS_LIMIT;
            case EXPIRE_TIME -> OrdRejReason.TOO_LATE_TO_ENTER;
            case DUPLICATE_ORDER, DUPLICATE_CLIENT_ORDER_ID, VENUE_DUPLICATE_ORDER -> OrdRejReason.DUPLICATE_ORDER;
            case LOT_SIZE, MIN_QUANTITY, MAX_QUANTITY -> OrdRejReason.INCORRECT_QUANTITY;
            case TICK_SIZE, VENUE_ORDER_TYPE, VENUE_TIME_IN_FORCE, VENUE_POST_ONLY_WOULD_TAKE, VENUE_INVALID_ORDER ->
                    OrdRejReason.UNSUPPORTED_ORDER_CHARACTERISTIC;
            default -> OrdRejReason.OTHER;
        };
        return !fix42 ? reason : reason <= OrdRejReason.DUPLICATE_ORDER ? reason : OrdRejReason.BROKER_EXCHANGE_OPTION;
    }

    static Side side(char fix) throws IncorrectTagValue {
        return switch (fix) {
            case quickfix.field.Side.BUY -> Side.BUY;
            case quickfix.field.Side.SELL -> Side.SELL;
            default -> throw new IncorrectTagValue(quickfix.field.Side.FIELD, String.valueOf(fix),
                    "Side must be 1 (buy) or 2 (sell)");
        };
    }

    static char side(Side side) {
        return side == Side.BUY ? quickfix.field.Side.BUY : quickfix.field.Side.SELL;
    }

    static OrderType orderType(char fix) throws IncorrectTagValue {
        return switch (fix) {
            case OrdType.MARKET -> OrderType.MARKET;
            case OrdType.LIMIT -> OrderType.LIMIT;
            case OrdType.STOP_STOP_LOSS -> OrderType.STOP;
            case OrdType.STOP_LIMIT -> OrderType.STOP_LIMIT;
            default -> throw new IncorrectTagValue(OrdType.FIELD, String.valueOf(fix),
                    "OrdType must be 1 (market), 2 (limit), 3 (stop) or 4 (stop limit)");
        };
    }

    static char orderType(OrderType type) {
        return switch (type) {
            case MARKET -> OrdType.MARKET;
            case LIMIT -> OrdType.LIMIT;
            case STOP -> OrdType.STOP_STOP_LOSS;
            case STOP_LIMIT -> OrdType.STOP_LIMIT;
        };
    }

    static TimeInForce timeInForce(char fix) throws IncorrectTagValue {
        return switch (fix) {
            case quickfix.field.TimeInForce.DAY -> TimeInForce.DAY;
            case quickfix.field.TimeInForce.GOOD_TILL_CANCEL -> TimeInForce.GTC;
            case quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL -> TimeInForce.IOC;
            case quickfix.field.TimeInForce.FILL_OR_KILL -> TimeInForce.FOK;
            case quickfix.field.TimeInForce.GOOD_TILL_DATE -> TimeInForce.GTD;
            default -> throw new IncorrectTagValue(quickfix.field.TimeInForce.FIELD, String.valueOf(fix),
                    "TimeInForce must be 0 (day), 1 (GTC), 3 (IOC), 4 (FOK) or 6 (GTD)");
        };
    }

    static char timeInForce(TimeInForce tif) {
        return switch (tif) {
            case DAY -> quickfix.field.TimeInForce.DAY;
            case GTC -> quickfix.field.TimeInForce.GOOD_TILL_CANCEL;
            case IOC -> quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL;
            case FOK -> quickfix.field.TimeInForce.FILL_OR_KILL;
            case GTD -> quickfix.field.TimeInForce.GOOD_TILL_DATE;
        };
    }

    /** OrdStatus (39) of an order in this state, as FIX 4.2 and 4.4 define it. */
    static char ordStatus(OrderStatus status, Quantity filled) {
        return switch (status) {
            case INITIALIZED, SUBMITTED -> OrdStatus.PENDING_NEW;
            case ACCEPTED, TRIGGERED -> OrdStatus.NEW;
            case DENIED, REJECTED -> OrdStatus.REJECTED;
            case PENDING_UPDATE -> OrdStatus.PENDING_REPLACE;
            case PENDING_CANCEL -> OrdStatus.PENDING_CANCEL;
            case PARTIALLY_FILLED -> OrdStatus.PARTIALLY_FILLED;
            case FILLED -> OrdStatus.FILLED;
            case CANCELED -> OrdStatus.CANCELED;
            case EXPIRED -> OrdStatus.EXPIRED;
        };
    }

    /** A positive quantity in the field, exactly (at most 8 decimals), or a Reject naming the field. */
    static Quantity quantity(FieldMap message, int tag) throws FieldNotFound, IncorrectTagValue, IncorrectDataFormat {
        if (!message.isSetField(tag)) {
            // Optional in the dictionary (4.4's OrderQtyData), required here: a session Reject naming the tag.
            throw new FieldException(SessionRejectReason.REQUIRED_TAG_MISSING, "Required tag missing: " + tag, tag);
        }
        return positive(message, tag, Quantity::of, Quantity::isPositive);
    }

    /** A positive price in the field, or {@code null} when the message has none. */
    static Price price(FieldMap message, int tag) throws FieldNotFound, IncorrectTagValue, IncorrectDataFormat {
        return message.isSetField(tag) ? positive(message, tag, Price::of, Price::isPositive) : null;
    }

    private static <T> T positive(FieldMap message, int tag, Function<BigDecimal, T> of, Predicate<T> isPositive)
            throws FieldNotFound, IncorrectTagValue, IncorrectDataFormat {
        BigDecimal value = decimal(message, tag);
        T result;
        try {
            result = of.apply(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IncorrectTagValue(tag, value.toPlainString(), "tag " + tag + ": " + e.getMessage());
        }
        if (!isPositive.test(result)) {
            throw new IncorrectTagValue(tag, value.toPlainString(), "tag " + tag + " must be positive");
        }
        return result;
    }

    private static BigDecimal decimal(FieldMap message, int tag) throws FieldNotFound, IncorrectDataFormat {
        String text = message.getString(tag);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IncorrectDataFormat(tag, text);
        }
    }
}

package org.nautilus.routes.internal.fix;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDUpdateAction;
import quickfix.field.MDUpdateType;
import quickfix.field.MarketDepth;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntries;
import quickfix.field.SendingTime;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.fix44.MarketDataRequest;

/**
 * FIX 4.4 market data to quotes and trades: builds the MarketDataRequest (V) for top of book and trades, and turns
 * the venue's MarketDataSnapshotFullRefresh (W) and MarketDataIncrementalRefresh (X) into {@link Quote}s (once
 * both sides of a symbol are known) and {@link Trade}s, keeping the top of book per symbol.
 *
 * <p>Prices and sizes are read from the message text, never through {@code double}. A message is applied whole
 * or not at all: a malformed one (missing tag, bad number, crossed book) fails with a message naming the tag or
 * symbol and leaves the book as it was. Timestamps are the message's SendingTime (52).
 *
 * <p>Not thread-safe: one FIX session thread calls it.
 */
public final class FixMarketData {

    private final Clock clock;
    private final Map<String, Top> books = new HashMap<>();

    public FixMarketData(Clock clock) {
        this.clock = clock;
    }

    /** A request for snapshot + incremental updates of bid, offer and trades, top of book, for the symbols. */
    public static MarketDataRequest request(String requestId, List<String> symbols) {
        MarketDataRequest request = new MarketDataRequest(new MDReqID(requestId),
                new SubscriptionRequestType(SubscriptionRequestType.SNAPSHOT_UPDATES), new MarketDepth(1));
        request.set(new MDUpdateType(MDUpdateType.INCREMENTAL_REFRESH));
        for (char type : new char[] {MDEntryType.BID, MDEntryType.OFFER, MDEntryType.TRADE}) {
            MarketDataRequest.NoMDEntryTypes entryType = new MarketDataRequest.NoMDEntryTypes();
            entryType.set(new MDEntryType(type));
            request.addGroup(entryType);
        }
        for (String symbol : symbols) {
            MarketDataRequest.NoRelatedSym related = new MarketDataRequest.NoRelatedSym();
            related.set(new Symbol(symbol));
            request.addGroup(related);
        }
        return request;
    }

    /**
     * The quotes and trades a W or X message carries, in message order; other message types give nothing.
     *
     * @throws IllegalArgumentException if the message is malformed; nothing is applied then
     */
    public List<Object> onMessage(Message message) {
        String type;
        try {
            type = message.getHeader().getString(MsgType.FIELD);
        } catch (FieldNotFound e) {
            throw new IllegalArgumentException("FIX message without MsgType (35)", e);
        }
        return switch (type) {
            case MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH -> apply(message, true);
            case MsgType.MARKET_DATA_INCREMENTAL_REFRESH -> apply(message, false);
            case MsgType.MARKET_DATA_REQUEST_REJECT -> throw new IllegalArgumentException(
                    "the venue rejected market data request " + optional(message, MDReqID.FIELD) + ": "
                            + optional(message, Text.FIELD));
            default -> List.of();
        };
    }

    private List<Object> apply(Message message, boolean snapshot) {
        Instant time = sendingTime(message);
        Map<String, Top> changed = new LinkedHashMap<>();
        List<Object> events = new ArrayList<>();
        try {
            String snapshotSymbol = snapshot ? message.getString(Symbol.FIELD) : null;
            if (snapshot) {
                changed.put(snapshotSymbol, new Top());
            }
            List<Group> entries = message.getGroups(NoMDEntries.FIELD);
            for (int i = 0; i < entries.size(); i++) {
                Group entry = entries.get(i);
                String symbol = snapshot ? snapshotSymbol : entry.getString(Symbol.FIELD);
                char entryType = entry.getChar(MDEntryType.FIELD);
                char action = snapshot || !entry.isSetField(MDUpdateAction.FIELD)
                        ? MDUpdateAction.NEW
                        : entry.getChar(MDUpdateAction.FIELD);
                Top top = changed.computeIfAbsent(symbol, s -> books.getOrDefault(s, new Top()).copy());
                switch (entryType) {
                    case MDEntryType.BID, MDEntryType.OFFER -> {
                        boolean bid = entryType == MDEntryType.BID;
                        if (action == MDUpdateAction.DELETE) {
                            top.set(bid, null, null);
                        } else {
                            Price px = Price.of(entry.getString(MDEntryPx.FIELD));
                            Quantity size = Quantity.of(entry.getString(MDEntrySize.FIELD));
                            if (!snapshot || top.better(bid, px)) {
                                top.set(bid, px, size);
                            }
                        }
                    }
                    case MDEntryType.TRADE -> {
                        if (action != MDUpdateAction.DELETE) {
                            events.add(new Trade(InstrumentId.of(symbol), Price.of(entry.getString(MDEntryPx.FIELD)),
                                    Quantity.of(entry.getString(MDEntrySize.FIELD)), time));
                        }
                    }
                    default -> {
                        // other entry types (open, close, imbalance, ...) are not used
                    }
                }
            }
            for (Map.Entry<String, Top> e : changed.entrySet()) {
                Top top = e.getValue();
                if (top.complete()) {
                    events.add(new Quote(InstrumentId.of(e.getKey()), top.bid, top.bidSize, top.ask, top.askSize,
                            time));
                }
            }
        } catch (FieldNotFound e) {
            throw new IllegalArgumentException("FIX " + (snapshot ? "snapshot (W)" : "incremental refresh (X)")
                    + " without required tag " + e.field, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FIX " + (snapshot ? "snapshot (W)" : "incremental refresh (X)")
                    + " refused: " + e.getMessage(), e);
        }
        books.putAll(changed);
        return events;
    }

    private Instant sendingTime(Message message) {
        try {
            if (message.getHeader().isSetField(SendingTime.FIELD)) {
                return message.getHeader().getUtcTimeStamp(SendingTime.FIELD).toInstant(ZoneOffset.UTC);
            }
        } catch (FieldNotFound e) {
            // checked just above
        }
        return clock.instant();
    }

    private static String optional(Message message, int tag) {
        try {
            return message.isSetField(tag) ? message.getString(tag) : "(no " + tag + ")";
        } catch (FieldNotFound e) {
            return "(no " + tag + ")";
        }
    }

    /** Top of book of one symbol; a side is null while unknown. */
    private static final class Top {
        Price bid;
        Quantity bidSize;
        Price ask;
        Quantity askSize;

        Top copy() {
            Top t = new Top();
            t.bid = bid;
            t.bidSize = bidSize;
            t.ask = ask;
            t.askSize = askSize;
            return t;
        }

        /** In a snapshot with several levels, the best price of a side wins. */
        boolean better(boolean isBid, Price px) {
            Price current = isBid ? bid : ask;
            return current == null || (isBid ? px.compareTo(current) > 0 : px.compareTo(current) < 0);
        }

        void set(boolean isBid, Price px, Quantity size) {
            if (isBid) {
                bid = px;
                bidSize = size;
            } else {
                ask = px;
                askSize = size;
            }
        }

        boolean complete() {
            return bid != null && ask != null;
        }
    }
}

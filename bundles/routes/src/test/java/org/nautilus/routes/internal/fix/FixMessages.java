package org.nautilus.routes.internal.fix;

import java.time.LocalDateTime;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDUpdateAction;
import quickfix.field.SendingTime;
import quickfix.field.Symbol;
import quickfix.fix44.MarketDataIncrementalRefresh;
import quickfix.fix44.MarketDataSnapshotFullRefresh;

/** Builders of the venue's market data messages, shared by the tests and their acceptor. */
final class FixMessages {

    static final LocalDateTime SENT = LocalDateTime.parse("2024-03-01T14:30:00.250");

    private FixMessages() {
    }

    /** Snapshot with entries given as type, price, size triples, e.g. '0', "189.99", "100". */
    static MarketDataSnapshotFullRefresh snapshot(String requestId, String symbol, Object... entries) {
        MarketDataSnapshotFullRefresh w = new MarketDataSnapshotFullRefresh();
        w.set(new Symbol(symbol));
        w.set(new MDReqID(requestId));
        w.getHeader().setField(new SendingTime(SENT));
        for (int i = 0; i < entries.length; i += 3) {
            MarketDataSnapshotFullRefresh.NoMDEntries entry = new MarketDataSnapshotFullRefresh.NoMDEntries();
            entry.set(new MDEntryType((Character) entries[i]));
            entry.setString(MDEntryPx.FIELD, (String) entries[i + 1]);
            entry.setString(MDEntrySize.FIELD, (String) entries[i + 2]);
            w.addGroup(entry);
        }
        return w;
    }

    /** Incremental refresh with entries given as action, type, symbol, price, size. */
    static MarketDataIncrementalRefresh incremental(Object... entries) {
        MarketDataIncrementalRefresh x = new MarketDataIncrementalRefresh();
        x.getHeader().setField(new SendingTime(SENT));
        for (int i = 0; i < entries.length; i += 5) {
            MarketDataIncrementalRefresh.NoMDEntries entry = new MarketDataIncrementalRefresh.NoMDEntries();
            entry.set(new MDUpdateAction((Character) entries[i]));
            entry.set(new MDEntryType((Character) entries[i + 1]));
            entry.set(new Symbol((String) entries[i + 2]));
            if (entries[i + 3] != null) {
                entry.setString(MDEntryPx.FIELD, (String) entries[i + 3]);
                entry.setString(MDEntrySize.FIELD, (String) entries[i + 4]);
            }
            x.addGroup(entry);
        }
        return x;
    }
}

package org.nautilus.grid.internal.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.api.store.DailyPnlBaseline;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.grid.internal.journal.UnitOfWork;
import org.nautilus.grid.internal.store.PositionCodecs.PositionKey;

/**
 * The writes of one unit of work (one command of the OMS with what its listeners wrote). Written by one thread
 * until it is handed to the committer, read by the committer afterwards. Later states of the same order, position
 * or risk key replace earlier ones; events and audit entries append.
 */
final class Unit extends UnitOfWork {

    /**
     * An audit entry before it gets its sequence number at commit; {@code assigned[0]} receives that number (for
     * the caller who waits for the commit and wants the entry as stored).
     */
    record AuditDraft(Instant timestamp, AuditCategory category, String type, String subject, PortfolioId portfolio,
            String detail, Map<String, String> fields, long[] assigned) {

        AuditDraft(Instant timestamp, AuditCategory category, String type, String subject, PortfolioId portfolio,
                String detail, Map<String, String> fields) {
            this(timestamp, category, type, subject, portfolio, detail, fields, new long[1]);
        }
    }

    final Map<OrderId, StoredOrder> orders = new LinkedHashMap<>();
    final List<OrderEvent> events = new ArrayList<>();
    final Map<PositionKey, Position> positions = new LinkedHashMap<>();
    /** By portfolio id, {@link StateCodecs#GLOBAL} for the global state. */
    final Map<String, TradingStatus> tradingStatuses = new LinkedHashMap<>();
    final Map<PortfolioId, DailyPnlBaseline> baselines = new LinkedHashMap<>();
    final List<AuditDraft> audits = new ArrayList<>();
    /**
     * The audit sequence number before the unit's first: its events and then its audit entries are numbered from
     * {@code firstSequence + 1}, in the order {@link IgniteTradingStore} writes them. Given by the committer.
     */
    long firstSequence;
    /** The unit in the journal's encoding ({@link UnitCodec}), when the store journals it. */
    byte[] journalBytes;
    /** What the writer prepared (its encoded form), opaque to the group commit. */
    Object encoded;

    @Override
    public boolean isEmpty() {
        return orders.isEmpty() && events.isEmpty() && positions.isEmpty() && tradingStatuses.isEmpty()
                && baselines.isEmpty() && audits.isEmpty();
    }

    /**
     * Numbers the unit from {@code first}: its events {@code first + 1, ...}, then its audit entries (each draft
     * gets its number); the same whoever numbers it (the committer, or a replay of the journal).
     */
    void number(long first) {
        firstSequence = first;
        long s = first + events.size();
        for (AuditDraft d : audits) {
            d.assigned()[0] = ++s;
        }
    }

    /** How many audit sequence numbers the unit uses (its events, then its audit entries). */
    int sequenced() {
        return events.size() + audits.size();
    }

    /** Number of entries the unit writes (orders, events, positions, risk state, audit entries). */
    @Override
    public int size() {
        return orders.size() + events.size() + positions.size() + tradingStatuses.size() + baselines.size()
                + audits.size();
    }
}

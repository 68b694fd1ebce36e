package org.nautilus.api.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nautilus.api.domain.PortfolioId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The audit journal (implemented by the grid bundle): order events are written by the OMS's commits, in the
 * same transaction as the change they record; configuration changes of {@code nautilus.*} PIDs are recorded as
 * they happen; risk state changes through {@link org.nautilus.api.store.RiskStateStore} and whatever other
 * bundles {@link #record} are RISK entries. Nothing is ever changed or removed.
 */
@ProviderType
public interface AuditService {

    /** The matching entries, oldest first (with a limit: the most recent {@code limit}, oldest first). */
    List<AuditEntry> query(AuditQuery query);

    /**
     * Writes the matching entries, oldest first, to {@code out}.
     *
     * @return the number of entries written
     */
    long export(AuditQuery query, AuditFormat format, Appendable out) throws IOException;

    /** One entry in {@code format} (CSV: without the header), without a line break. */
    String format(AuditEntry entry, AuditFormat format);

    /**
     * Records a change made outside the OMS (e.g. a risk limit set from the shell); durable when it returns.
     *
     * @return the entry as stored
     */
    AuditEntry record(AuditCategory category, String type, String subject, PortfolioId portfolio, String detail,
            Map<String, String> fields);

    /**
     * Records an action (category {@link AuditCategory#ACTION}) with who did it: {@code fields} gets the actor's
     * {@link Actor#USER_FIELD} and {@link Actor#CHANNEL_FIELD}. Durable when it returns.
     *
     * @param type    the action, e.g. {@code SUBMIT}, {@code CANCEL}, {@code TRADING_STATE}, {@code ROUTE_START}
     * @param subject what it acted on: the order id, the route id, the portfolio
     * @param detail  one line with the outcome, e.g. {@code BUY 10 AAPL MARKET: FILLED}
     * @since 1.2
     */
    default AuditEntry record(Actor actor, String type, String subject, PortfolioId portfolio, String detail,
            Map<String, String> fields) {
        AuditRecord entry = AuditRecord.action(actor, type, subject, portfolio, detail, fields);
        return record(entry.category(), entry.type(), entry.subject(), entry.portfolio(), entry.detail(),
                entry.fields());
    }

    /**
     * Records {@code entries} in order, all durable when it returns. The journal writes them in one commit, where
     * {@link #record} costs one commit each: a gateway recording every request drains its queue into one call.
     *
     * @return the entries as stored, in the same order
     * @since 1.3
     */
    default List<AuditEntry> recordAll(List<AuditRecord> entries) {
        List<AuditEntry> stored = new ArrayList<>(entries.size());
        for (AuditRecord e : entries) {
            stored.add(record(e.category(), e.type(), e.subject(), e.portfolio(), e.detail(), e.fields()));
        }
        return stored;
    }

    /** Number of entries. */
    long size();
}

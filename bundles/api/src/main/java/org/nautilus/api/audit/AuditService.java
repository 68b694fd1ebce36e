package org.nautilus.api.audit;

import java.io.IOException;
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
        Map<String, String> withActor = new java.util.LinkedHashMap<>();
        if (fields != null) {
            withActor.putAll(fields);
        }
        withActor.put(Actor.USER_FIELD, actor.user());
        withActor.put(Actor.CHANNEL_FIELD, actor.channel().name());
        return record(AuditCategory.ACTION, type, subject, portfolio, detail, withActor);
    }

    /** Number of entries. */
    long size();
}

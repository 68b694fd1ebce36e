package org.nautilus.api.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.nautilus.api.domain.PortfolioId;

/**
 * One entry of the audit journal.
 *
 * @param sequence  unique, increasing in commit order on the node that wrote it (entries are listed by it)
 * @param timestamp when the change happened
 * @param category  what it is about
 * @param type      what happened: the order event type ({@code FILL}, {@code CANCELED}, ...), {@code TRADING_STATE},
 *                  {@code DAILY_BASELINE}, {@code UPDATED} / {@code DELETED} for a configuration
 * @param subject   what changed: the order id, the portfolio, the configuration PID
 * @param portfolio the portfolio concerned, {@code null} if none
 * @param node      the node that wrote it (its grid consistent id)
 * @param detail    one human-readable line, e.g. {@code BUY 100 AAPL LIMIT 150.00 FILLED 100 @ 149.98 (SIM-12)}
 * @param fields    the structured content (order id, client order id, status, quantities, prices, changed keys...)
 */
public record AuditEntry(long sequence, Instant timestamp, AuditCategory category, String type, String subject,
        PortfolioId portfolio, String node, String detail, Map<String, String> fields) {

    public AuditEntry {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
        node = node == null ? "" : node;
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    /** Who did it, for an {@link AuditCategory#ACTION} entry (or any entry recorded with an actor). */
    public Optional<Actor> actor() {
        String user = fields.get(Actor.USER_FIELD);
        String channel = fields.get(Actor.CHANNEL_FIELD);
        if (user == null || channel == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Actor(user, Channel.valueOf(channel)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

package org.nautilus.api.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nautilus.api.domain.PortfolioId;

/**
 * One entry to record with {@link AuditService#recordAll}: what {@link AuditService#record} takes, as a value, so a
 * gateway can hand many over in one durable write.
 *
 * @param portfolio may be {@code null}
 * @param detail    may be {@code null}
 * @param fields    may be empty, never {@code null}
 * @since 1.3
 */
public record AuditRecord(AuditCategory category, String type, String subject, PortfolioId portfolio, String detail,
        Map<String, String> fields) {

    public AuditRecord {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** An {@link AuditCategory#ACTION} with who did it, as {@link AuditService#record(Actor, String, String,
     * PortfolioId, String, Map)} records it. */
    public static AuditRecord action(Actor actor, String type, String subject, PortfolioId portfolio, String detail,
            Map<String, String> fields) {
        Map<String, String> withActor = new LinkedHashMap<>();
        if (fields != null) {
            withActor.putAll(fields);
        }
        withActor.put(Actor.USER_FIELD, actor.user());
        withActor.put(Actor.CHANNEL_FIELD, actor.channel().name());
        return new AuditRecord(AuditCategory.ACTION, type, subject, portfolio, detail, withActor);
    }
}

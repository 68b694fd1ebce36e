package org.nautilus.grid.internal.store;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.ignite.binary.BinaryObject;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditEntry;
import org.nautilus.api.audit.AuditFormat;
import org.nautilus.api.audit.AuditQuery;
import org.nautilus.api.audit.AuditRecord;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.grid.internal.store.OrderCodecs.StoredEvent;
import org.nautilus.grid.internal.store.OrderCodecs.StoredEvents;

/**
 * The audit journal over the store: order events come from the events cache (written in the same transaction as
 * the change they record), risk and configuration entries from the audit cache; both are numbered from one
 * sequence at commit, and listed by it. Append-only: nothing here updates or removes an entry.
 */
public final class AuditJournal implements AuditService {

    static final String CSV_HEADER = "sequence,timestamp,category,type,subject,portfolio,node,detail";

    private final IgniteTradingStore store;

    public AuditJournal(IgniteTradingStore store) {
        this.store = store;
    }

    @Override
    public List<AuditEntry> query(AuditQuery query) {
        store.caughtUp();
        List<AuditEntry> found = new ArrayList<>();
        OrderLog log = store.orderLog();
        if (log != null && (query.categories().isEmpty() || query.categories().contains(AuditCategory.ORDER))) {
            log.forEachEvent((sequence, event) -> {
                AuditEntry entry = entry(new StoredEvent(event, sequence, store.node()));
                if (query.matches(entry)) {
                    found.add(entry);
                }
            });
        } else if (query.categories().isEmpty() || query.categories().contains(AuditCategory.ORDER)) {
            store.events.forEach(eventFilter(query), (StoredEvents stored) -> {
                for (int i = 0; i < stored.events().size(); i++) {
                    AuditEntry entry = entry(stored.get(i));
                    if (query.matches(entry)) {
                        found.add(entry);
                    }
                }
            });
        }
        // Everything but order events (risk, config, actions) is in the audit cache.
        if (query.categories().isEmpty() || query.categories().stream().anyMatch(c -> c != AuditCategory.ORDER)) {
            store.audit.forEach(entry -> {
                if (query.matches(entry)) {
                    found.add(entry);
                }
            });
        }
        found.sort(Comparator.comparingLong(AuditEntry::sequence));
        if (query.limit() > 0 && found.size() > query.limit()) {
            return new ArrayList<>(found.subList(found.size() - query.limit(), found.size()));
        }
        return found;
    }

    @Override
    public long export(AuditQuery query, AuditFormat format, Appendable out) throws IOException {
        List<AuditEntry> entries = query(query);
        if (format == AuditFormat.CSV) {
            out.append(CSV_HEADER).append('\n');
        }
        for (AuditEntry entry : entries) {
            out.append(format(entry, format)).append('\n');
        }
        return entries.size();
    }

    @Override
    public String format(AuditEntry e, AuditFormat format) {
        return switch (format) {
            case CSV -> String.join(",", Long.toString(e.sequence()), e.timestamp().toString(), e.category().name(),
                    csv(e.type()), csv(e.subject()), e.portfolio() == null ? "" : csv(e.portfolio().value()),
                    csv(e.node()), csv(e.detail()));
            case JSON_LINES -> json(e);
        };
    }

    @Override
    public AuditEntry record(AuditCategory category, String type, String subject, PortfolioId portfolio, String detail,
            Map<String, String> fields) {
        Unit.AuditDraft draft = new Unit.AuditDraft(Instant.now(), category, type, subject, portfolio, detail,
                fields == null ? Map.of() : Map.copyOf(fields));
        store.groupCommit().write(unit -> unit.audits.add(draft));
        return new AuditEntry(draft.assigned()[0], draft.timestamp(), category, type, subject, portfolio, store.node(),
                detail, draft.fields());
    }

    /** All in one unit: one durable commit for the lot, instead of one each. */
    @Override
    public List<AuditEntry> recordAll(List<AuditRecord> entries) {
        Instant now = Instant.now();
        List<Unit.AuditDraft> drafts = new ArrayList<>(entries.size());
        for (AuditRecord e : entries) {
            drafts.add(new Unit.AuditDraft(now, e.category(), e.type(), e.subject(), e.portfolio(), e.detail(),
                    e.fields()));
        }
        if (drafts.isEmpty()) {
            return List.of();
        }
        store.groupCommit().write(unit -> unit.audits.addAll(drafts));
        List<AuditEntry> stored = new ArrayList<>(drafts.size());
        for (Unit.AuditDraft d : drafts) {
            stored.add(new AuditEntry(d.assigned()[0], d.timestamp(), d.category(), d.type(), d.subject(),
                    d.portfolio(), store.node(), d.detail(), d.fields()));
        }
        return stored;
    }

    /** Records a draft made elsewhere (configuration changes); durable when it returns. */
    void record(Unit.AuditDraft draft) {
        store.groupCommit().write(unit -> unit.audits.add(draft));
    }

    @Override
    public long size() {
        store.caughtUp();
        if (store.orderLog() != null) {
            return store.orderLog().eventCount() + store.audit.sizeLong();
        }
        long[] events = new long[1];
        // Count the events in each stored entry without decoding them.
        store.events.forEach(in -> {
            events[0] += in.<Integer> field("count");
            return false;
        }, ignored -> {});
        return events[0] + store.audit.sizeLong();
    }

    /** Cheap checks on the stored binary form before an event is decoded. */
    private static Predicate<BinaryObject> eventFilter(AuditQuery q) {
        return stored -> {
            // The stored form has the fields filtered on; the earlier layout has them in its first event.
            BinaryObject in = stored.hasField(OrderCodecs.JOURNAL_FORM) ? stored
                    : (BinaryObject) stored.<Object[]> field(OrderCodecs.EVENTS_FIELD)[0];
            if (q.subject() != null
                    && !q.subject().equals(String.valueOf((Object) in.field(OrderCodecs.ORDER_FIELD)))) {
                return false;
            }
            if (q.portfolio() != null && !q.portfolio().value().equals(in.field("portfolio"))) {
                return false;
            }
            // One unit's events of one order: within seconds of each other; the exact check is on each event.
            long seconds = in.<Long> field("timestampSeconds");
            return (q.from() == null || seconds >= q.from().getEpochSecond() - 60)
                    && (q.to() == null || seconds <= q.to().getEpochSecond());
        };
    }

    /** An order event as an audit entry. */
    static AuditEntry entry(StoredEvent stored) {
        OrderEvent e = stored.event();
        Order o = e.order();
        OrderRequest r = o.request();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("orderId", o.id().toString());
        fields.put("clientOrderId", r.clientOrderId().value());
        fields.put("version", Integer.toString(e.version()));
        fields.put("status", o.status().name());
        fields.put("side", r.side().name());
        fields.put("instrument", r.instrumentId().value());
        fields.put("orderType", r.type().name());
        fields.put("quantity", r.quantity().toString());
        put(fields, "limitPrice", r.limitPrice());
        put(fields, "stopPrice", r.stopPrice());
        fields.put("timeInForce", r.timeInForce().name());
        fields.put("filledQuantity", o.filledQuantity().toString());
        put(fields, "averagePrice", o.averagePrice());
        put(fields, "venue", o.venueId());
        put(fields, "reason", e.reason() != null ? e.reason() : o.reason());
        StringBuilder detail = new StringBuilder(96);
        detail.append(r.side()).append(' ').append(r.quantity()).append(' ').append(r.instrumentId()).append(' ')
                .append(r.type());
        if (r.limitPrice() != null) {
            detail.append(" @ ").append(r.limitPrice());
        }
        if (r.stopPrice() != null) {
            detail.append(" stop ").append(r.stopPrice());
        }
        detail.append(" -> ").append(o.status());
        Fill fill = e.fill();
        if (fill != null) {
            fields.put("fillQuantity", fill.quantity().toString());
            fields.put("fillPrice", fill.price().toString());
            fields.put("commission", fill.commission().toString());
            fields.put("executionId", fill.executionId());
            detail.append(", fill ").append(fill.quantity()).append(" @ ").append(fill.price()).append(" (")
                    .append(fill.executionId()).append(')');
        } else if (!o.filledQuantity().isZero()) {
            detail.append(", filled ").append(o.filledQuantity()).append(" @ ").append(o.averagePrice());
        }
        if (o.venueId() != null) {
            detail.append(" at ").append(o.venueId());
        }
        String reason = e.reason() != null ? e.reason() : o.reason();
        if (reason != null) {
            detail.append(": ").append(reason);
        }
        return new AuditEntry(stored.sequence(), e.timestamp(), AuditCategory.ORDER, e.type().name(),
                o.id().toString(), o.portfolioId(), stored.node(), detail.toString(), fields);
    }

    private static void put(Map<String, String> fields, String key, Object value) {
        if (value != null) {
            fields.put(key, value.toString());
        }
    }

    static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    static String json(AuditEntry e) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"sequence\":").append(e.sequence());
        field(out, "timestamp", e.timestamp().toString());
        field(out, "category", e.category().name());
        field(out, "type", e.type());
        field(out, "subject", e.subject());
        out.append(",\"portfolio\":");
        if (e.portfolio() == null) {
            out.append("null");
        } else {
            string(out, e.portfolio().value());
        }
        field(out, "node", e.node());
        field(out, "detail", e.detail());
        out.append(",\"fields\":{");
        boolean first = true;
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, f.getKey());
            out.append(':');
            string(out, f.getValue());
        }
        return out.append("}}").toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        string(out, value);
    }

    private static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

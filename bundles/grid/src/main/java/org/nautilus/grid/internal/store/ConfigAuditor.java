package org.nautilus.grid.internal.store;

import java.lang.reflect.Array;
import java.time.Instant;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.ConfigurationCheck.Refusal;

/**
 * Turns configuration changes of the platform's PIDs ({@code nautilus.*}) into audit entries naming what changed
 * ({@code max.order.quantity: 1000 -> 500}). Remembers each PID's properties in force to compute the difference; a
 * save that changes nothing (FileInstall re-reading a file) records nothing; a change the PID's consumer refused is
 * a {@code REFUSED} entry and leaves the properties in force as they were. Secrets are masked. Plain Java.
 */
final class ConfigAuditor {

    private static final Set<String> BOOKKEEPING = Set.of("service.pid", "service.factoryPid",
            "felix.fileinstall.filename", "service.bundleLocation", "component.name", "component.id");
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|credential).*");

    private final Map<String, Map<String, String>> known = new ConcurrentHashMap<>();

    static boolean audited(String pid) {
        return pid != null && pid.startsWith("nautilus.");
    }

    /** Remembers a PID's current properties without recording anything (at start). */
    void remember(String pid, Dictionary<String, ?> properties) {
        if (audited(pid)) {
            known.put(pid, flatten(properties));
        }
    }

    /**
     * The entry for a PID's new properties ({@code null}: deleted), or empty if nothing that matters changed.
     */
    Optional<Unit.AuditDraft> changed(String pid, Dictionary<String, ?> properties, Instant now) {
        return changed(pid, properties, Optional.empty(), now);
    }

    /**
     * The entry for a PID's new properties, which its consumer may have refused: then the entry is {@code REFUSED},
     * says why and what stays in force, and the values in force remain the ones the next change is compared with.
     */
    Optional<Unit.AuditDraft> changed(String pid, Dictionary<String, ?> properties, Optional<Refusal> refusal,
            Instant now) {
        if (!audited(pid)) {
            return Optional.empty();
        }
        Map<String, String> before = known.get(pid);
        Map<String, String> after = properties == null ? null : flatten(properties);
        if (after == null) {
            known.remove(pid);
            if (before == null) {
                return Optional.empty();
            }
        } else {
            if (after.equals(before)) {
                return Optional.empty();
            }
            if (refusal.isEmpty()) {
                known.put(pid, after);
            }
        }
        Map<String, String> fields = new TreeMap<>();
        StringBuilder detail = new StringBuilder(pid).append(':');
        Set<String> keys = new TreeSet<>();
        if (before != null) {
            keys.addAll(before.keySet());
        }
        if (after != null) {
            keys.addAll(after.keySet());
        }
        String type = refusal.isPresent() && after != null ? "REFUSED"
                : after == null ? "DELETED" : before == null ? "CREATED" : "UPDATED";
        boolean first = true;
        for (String key : keys) {
            String old = before == null ? null : before.get(key);
            String now2 = after == null ? null : after.get(key);
            if (old != null && old.equals(now2)) {
                continue;
            }
            String change = (old == null ? "(unset)" : old) + " -> " + (now2 == null ? "(unset)" : now2);
            fields.put(key, change);
            detail.append(first ? " " : "; ").append(key).append(": ").append(change);
            first = false;
        }
        if (refusal.isPresent() && after != null) {
            Refusal refused = refusal.get();
            detail.append(" - refused: ").append(refused.reason()).append("; in force: ").append(refused.inForce());
            fields.put("refused", refused.reason());
            fields.put("in.force", refused.inForce());
        }
        AuditCategory category = pid.startsWith("nautilus.risk") ? AuditCategory.RISK : AuditCategory.CONFIG;
        return Optional.of(new Unit.AuditDraft(now, category, type, pid, null, detail.toString(), fields));
    }

    private static Map<String, String> flatten(Dictionary<String, ?> properties) {
        Map<String, String> flat = new TreeMap<>();
        if (properties == null) {
            return flat;
        }
        for (String key : Collections.list(properties.keys())) {
            if (BOOKKEEPING.contains(key) || key.startsWith("felix.") || key.startsWith(".")) {
                continue;
            }
            Object value = properties.get(key);
            String text = value == null ? "" : value.getClass().isArray() ? arrayText(value) : value.toString();
            flat.put(key, SECRET.matcher(key).matches() ? "****" : text);
        }
        return flat;
    }

    private static String arrayText(Object array) {
        StringBuilder text = new StringBuilder("[");
        int n = Array.getLength(array);
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : ", ").append(Array.get(array, i));
        }
        return text.append(']').toString();
    }
}

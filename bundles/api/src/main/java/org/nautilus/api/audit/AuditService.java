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

    /** Number of entries. */
    long size();
}

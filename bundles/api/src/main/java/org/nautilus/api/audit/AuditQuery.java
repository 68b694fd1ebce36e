package org.nautilus.api.audit;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.nautilus.api.domain.PortfolioId;

/**
 * Which audit entries to return. Every criterion left {@code null} (or empty) matches everything.
 *
 * @param from       entries at or after this time
 * @param to         entries before this time
 * @param categories the categories to include; empty: all
 * @param subject    only entries about this subject (an order id, a PID, a portfolio)
 * @param portfolio  only entries of this portfolio
 * @param limit      at most this many entries, the most recent ones (0: no limit)
 */
public record AuditQuery(Instant from, Instant to, Set<AuditCategory> categories, String subject,
        PortfolioId portfolio, int limit) {

    public AuditQuery {
        categories = categories == null || categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
    }

    /** Every entry. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, Set.of(), null, null, 0);
    }

    public AuditQuery between(Instant newFrom, Instant newTo) {
        return new AuditQuery(newFrom, newTo, categories, subject, portfolio, limit);
    }

    public AuditQuery categories(Set<AuditCategory> newCategories) {
        return new AuditQuery(from, to, newCategories, subject, portfolio, limit);
    }

    public AuditQuery subject(String newSubject) {
        return new AuditQuery(from, to, categories, newSubject, portfolio, limit);
    }

    public AuditQuery portfolio(PortfolioId newPortfolio) {
        return new AuditQuery(from, to, categories, subject, newPortfolio, limit);
    }

    public AuditQuery limit(int newLimit) {
        return new AuditQuery(from, to, categories, subject, portfolio, newLimit);
    }

    /** {@code true} if {@code entry} matches every criterion but the limit. */
    public boolean matches(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return (from == null || !entry.timestamp().isBefore(from))
                && (to == null || entry.timestamp().isBefore(to))
                && (categories.isEmpty() || categories.contains(entry.category()))
                && (subject == null || subject.equals(entry.subject()))
                && (portfolio == null || portfolio.equals(entry.portfolio()));
    }
}

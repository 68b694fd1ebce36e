package org.nautilus.api.audit;

/** Export formats of the audit journal. */
public enum AuditFormat {
    /**
     * RFC 4180 CSV with a header line: {@code sequence,timestamp,category,type,subject,portfolio,node,detail}
     * (fields quoted when they contain a comma, quote or line break).
     */
    CSV,
    /** One JSON object per line with every field of the entry, {@code fields} as a nested object. */
    JSON_LINES
}

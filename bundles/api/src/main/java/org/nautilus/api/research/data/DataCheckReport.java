package org.nautilus.api.research.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the checks found in one source: every issue with its row, in the order of the rows.
 *
 * @param source what was checked, e.g. a file name
 * @param rows   rows checked
 * @param issues everything found, none left out
 */
public record DataCheckReport(String source, int rows, List<DataIssue> issues) {

    public DataCheckReport {
        Objects.requireNonNull(source, "source");
        issues = List.copyOf(issues);
    }

    /** Issues by kind, every kind present (zero where none). */
    public Map<DataIssue.Kind, Long> counts() {
        Map<DataIssue.Kind, Long> counts = new EnumMap<>(DataIssue.Kind.class);
        for (DataIssue.Kind kind : DataIssue.Kind.values()) {
            counts.put(kind, 0L);
        }
        issues.forEach(issue -> counts.merge(issue.kind(), 1L, Long::sum));
        return counts;
    }

    /** Issues that stop a row from being a bar. */
    public List<DataIssue> errors() {
        return issues.stream().filter(issue -> issue.kind().isError()).toList();
    }

    public boolean clean() {
        return issues.isEmpty();
    }

    /** One line, e.g. {@code apple.csv: 252 rows, 9 issues (GAP 9)}. */
    public String summary() {
        if (issues.isEmpty()) {
            return source + ": " + rows + " rows, no issues";
        }
        return source + ": " + rows + " rows, " + issues.size() + " issues (" + counts().entrySet().stream()
                .filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }
}

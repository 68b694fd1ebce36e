package org.nautilus.shell.internal;

import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditEntry;
import org.nautilus.api.audit.AuditFormat;
import org.nautilus.api.audit.AuditQuery;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.domain.PortfolioId;

@Command(scope = "nautilus", name = "audit", description = "Queries or exports the audit journal: order events, risk and config changes.", detailedDescription = "The append-only journal of every order event and every risk or configuration change.\n"
        + "  nautilus:audit -n 50                              the last 50 entries\n"
        + "  nautilus:audit -k RISK,CONFIG                     risk and configuration changes\n"
        + "  nautilus:audit -s 42                              everything about order 42\n"
        + "  nautilus:audit -k ACTION                          who did what (user@SHELL, user@HTTP, ...)\n"
        + "  nautilus:audit -f JSON_LINES -o /tmp/audit.jsonl  export (CSV or JSON_LINES) to a file")
@Service
public class AuditCommand implements Action {

    @Option(name = "-n", aliases = "--last", description = "only the most recent N entries (default 50; 0 = all)")
    int last = 50;

    @Option(name = "-k", aliases = "--kind", description = "categories, comma-separated: ORDER, RISK, CONFIG, ACTION")
    @Completion(value = StringsCompleter.class, values = {"ORDER", "RISK", "CONFIG", "ACTION"})
    String categories;

    @Option(name = "-s", aliases = "--subject", description = "only entries about this subject (an order id, a rule, a PID)")
    String subject;

    @Option(name = "-P", aliases = "--portfolio", description = "only this portfolio")
    String portfolio;

    @Option(name = "--from", description = "from this time (ISO-8601, inclusive)")
    String from;

    @Option(name = "--to", description = "up to this time (ISO-8601, exclusive)")
    String to;

    @Option(name = "-f", aliases = "--format", description = "print or export as CSV or JSON_LINES instead of a table")
    @Completion(value = StringsCompleter.class, values = {"CSV", "JSON_LINES"})
    String format;

    @Option(name = "-o", aliases = "--output", description = "write the export to this file (needs -f)")
    String output;

    @Reference
    AuditService audit;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        AuditQuery query = new AuditQuery(from == null ? null : Instant.parse(from),
                to == null ? null : Instant.parse(to),
                kinds(), subject, portfolio == null ? null : PortfolioId.of(portfolio), last);
        if (format != null) {
            AuditFormat exportFormat = SubmitOrderCommand.parse(AuditFormat.class, format, "format");
            if (output == null) {
                audit.export(query, exportFormat, System.out);
                System.out.flush();
                return null;
            }
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8))) {
                long written = audit.export(query, exportFormat, out);
                System.out.println(written + " entries written to " + output);
            }
            return null;
        }
        if (output != null) {
            throw new IllegalArgumentException("--output needs a format: -f CSV or -f JSON_LINES");
        }
        List<AuditEntry> entries = audit.query(query);
        ShellTable table = new ShellTable();
        table.column("#").alignRight();
        table.column("TIME (UTC)");
        table.column("KIND");
        table.column("TYPE");
        table.column("SUBJECT");
        table.column("PORTFOLIO");
        table.column("WHO");
        table.column("DETAIL");
        for (AuditEntry e : entries) {
            table.addRow().addContent(e.sequence(), e.timestamp(), e.category(), e.type(), Text.orNone(e.subject()),
                    Text.orNone(e.portfolio()), e.actor().map(Object::toString).orElse(""), Text.orNone(e.detail()));
        }
        Text.print(table, session);
        System.out.println(entries.size() + " of " + audit.size() + " entries");
        return null;
    }

    private Set<AuditCategory> kinds() {
        if (categories == null) {
            return Set.of();
        }
        Set<AuditCategory> kinds = EnumSet.noneOf(AuditCategory.class);
        for (String kind : categories.split(",")) {
            kinds.add(SubmitOrderCommand.parse(AuditCategory.class, kind, "audit category"));
        }
        return kinds;
    }
}

package org.nautilus.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.LabelSpec;
import org.nautilus.api.research.evaluation.EvaluationReport;
import org.nautilus.api.research.evaluation.EvaluationRequest;
import org.nautilus.api.research.evaluation.FactorEvaluation;
import org.nautilus.api.research.evaluation.FactorEvaluationService;

@Command(scope = "nautilus", name = "factor-eval", description = "Evaluates a factor: IC, Rank IC, ICIR, quantile "
        + "returns, turnover, long-short; writes an HTML report with charts.", detailedDescription = "Evaluates a factor per date across instruments (Qlib/alphalens formulas) against a\n"
                + "forward-return label, prints the summary and writes index.html and PNG charts (daily IC,\n"
                + "monthly IC heatmap, quantile returns, long-short curve) into the output directory.\n"
                + "The factor is a library definition (TAB completes) or an expression in quotes.\n"
                + "  nautilus:factor-eval RSI_14                         the shipped Apple daily bars (one\n"
                + "                                                      instrument: time-series correlation only)\n"
                + "  nautilus:factor-eval --generated 800 KMID          800 GENERATED instruments x 750 days\n"
                + "  nautilus:factor-eval -g 300 -d 1000 '$vwap/$close-1'   factor 1 of the generated universe\n"
                + "  nautilus:factor-eval -g 300 -o /tmp/rep --label-from 0 --label-to 1 'planted_1'")
@Service
public class FactorEvalCommand implements Action {

    @Option(name = "-g", aliases = "--generated", description = "evaluate over N GENERATED instruments (synthetic "
            + "data with planted factors) instead of the shipped daily bars")
    int generated;

    @Option(name = "-d", aliases = "--days", description = "trading days of the generated universe (default 750)")
    int days = 750;

    @Option(name = "--seed", description = "seed of the generated universe (default 1)")
    long seed = 1;

    @Option(name = "--planted-ic", description = "IC of each of the 4 planted factors (default 0.05)")
    double plantedIc = 0.05;

    @Option(name = "-s", aliases = "--sample", description = "shipped sample bars (default aapl-daily)")
    @Completion(value = StringsCompleter.class, values = {"aapl-daily"})
    String sample = "aapl-daily";

    @Option(name = "-q", aliases = "--quantiles", description = "score quantiles (default 5)")
    int quantiles = 5;

    @Option(name = "--label-from", description = "label: return from the close this many days ahead (default 1)")
    int labelFrom = 1;

    @Option(name = "--label-to", description = "label: to the close this many days ahead (default 2: Qlib's "
            + "Ref($close,-2)/Ref($close,-1)-1)")
    int labelTo = 2;

    @Option(name = "-o", aliases = "--output", description = "report directory (default "
            + "${karaf.data}/reports/factor-eval/NAME)")
    String output;

    @Option(name = "--no-report", description = "print the summary only")
    boolean noReport;

    @Argument(index = 0, name = "factor", required = true, description = "factor name or expression")
    @Completion(EvaluableFactorCompleter.class)
    String factor;

    @Reference
    FactorEvaluationService evaluation;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        DataSource source = generated > 0
                ? new DataSource.Generated(seed, generated, days, 4, plantedIc, LocalDate.of(2010, 1, 4), false)
                : new DataSource.Samples(sample);
        Path directory = noReport ? null
                : Path.of(output != null ? output
                        : System.getProperty("karaf.data", "data") + "/reports/factor-eval/"
                                + factor.replaceAll("[^A-Za-z0-9_.-]", "_"));
        EvaluationReport report = evaluation.evaluate(new EvaluationRequest(factor, source,
                new LabelSpec(labelFrom, labelTo), quantiles, directory), line -> {
                    out.println("  " + line);
                    out.flush();
                });
        FactorEvaluation e = report.evaluation();
        ShellTable table = new ShellTable();
        table.column("METRIC");
        table.column("VALUE").alignRight();
        for (Map.Entry<String, Double> row : e.summary().entrySet()) {
            table.addRow().addContent(row.getKey(), Text.number(row.getValue()));
        }
        for (int q = 0; q < e.quantiles().mean().size(); q++) {
            table.addRow().addContent("quantile " + (q + 1) + " mean (se)", Text.number(e.quantiles().mean().get(q))
                    + " (" + Text.number(e.quantiles().stdErr().get(q)) + ")");
        }
        out.println(e.name() + " over " + e.source() + ", dataset " + e.datasetDigest().substring(0, 12));
        Text.print(table, session);
        report.notes().forEach(note -> out.println("note: " + note));
        if (!report.files().isEmpty()) {
            out.println("report: " + report.files().get(0) + " (+ " + (report.files().size() - 1) + " PNG charts)");
        }
        return null;
    }
}

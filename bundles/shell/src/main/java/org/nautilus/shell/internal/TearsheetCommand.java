package org.nautilus.shell.internal;

import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.strategy.BenchmarkComparison;
import org.nautilus.api.strategy.LiveAnalyticsService;
import org.nautilus.api.strategy.LiveTearsheet;
import org.nautilus.api.strategy.LiveTearsheetRequest;
import org.nautilus.api.strategy.PerformanceMetrics;

@Command(scope = "nautilus", name = "tearsheet", description = "Measures a live portfolio over a date range as a "
        + "backtest is measured (returns, Sharpe, drawdown, turnover, round trips...) and writes its tearsheet.", detailedDescription = "The portfolio's fills come from the audit journal (every fill the OMS committed), "
                + "marked to market at the bars the market data gateway keeps, at each fill's price and, when the "
                + "range ends now, at the current marks. --from is a day (its start) or an instant; --to a day (its "
                + "end) or an instant, default now. Fills before --from make the positions held at its start. "
                + "--capital is the equity before the first fill (default 100000), --interval how often the curve "
                + "is sampled (default P1D; PT1M for a short session), --periods-per-year how many samples make a "
                + "year (default 252). --benchmark SYMBOL adds beta and alpha to that instrument's bars (the gateway's, "
                + "sampled at the curve's points). Written to data/tearsheets/<portfolio>-NNNN/ (tearsheet.html, PNG charts, "
                + "fills, equity, trades).")
@Service
public class TearsheetCommand implements Action {

    @Argument(index = 0, name = "portfolio", required = true, description = "the portfolio")
    @Completion(PortfolioCompleter.class)
    String portfolio;

    @Option(name = "--from", required = true, description = "the first day (2024-03-04) or instant measured")
    String from;

    @Option(name = "--to", description = "the last day or instant measured (default: now)")
    String to;

    @Option(name = "--capital", description = "the equity before the first fill (default 100000)")
    String capital;

    @Option(name = "--interval", description = "how often the equity curve is sampled (default P1D)")
    @Completion(value = StringsCompleter.class, values = {"P1D", "PT1H", "PT1M", "PT1S"})
    String interval;

    @Option(name = "--periods-per-year", description = "samples in a year, to annualise (default 252)")
    String periodsPerYear;

    @Option(name = "--benchmark", description = "an instrument whose bars the returns are regressed on (beta, alpha)")
    @Completion(InstrumentCompleter.class)
    String benchmark;

    @Reference
    LiveAnalyticsService analytics;

    @Override
    public Object execute() {
        LiveTearsheetRequest request = LiveTearsheetRequest.parse(portfolio, from, to, capital, interval,
                periodsPerYear, benchmark);
        System.out.println("measuring " + request.portfolio() + " from " + request.from() + " to "
                + (request.to() == null ? "now" : request.to()) + " ...");
        System.out.flush();
        LiveTearsheet t = analytics.tearsheet(request);
        PerformanceMetrics m = t.metrics();
        String pct = "%.2f%%";
        System.out.printf("Tearsheet %s: %s, %s .. %s, %d fills%n", t.id(), t.portfolio(), Text.dateTime(t.from()),
                Text.dateTime(t.to()), t.fills());
        System.out.printf("  equity %.2f -> %.2f  return " + pct + "  volatility " + pct + "%n", m.startEquity(),
                m.endEquity(), m.totalReturn() * 100, m.volatility() * 100);
        System.out.printf("  sharpe %s  sortino %s  max drawdown " + pct + " over %d periods%n",
                Text.number(m.sharpe()), Text.number(m.sortino()), m.maxDrawdown() * 100, m.maxDrawdownPeriods());
        System.out.printf("  %d round trips, hit rate %s, turnover %s, commissions %.2f%n", m.trades(),
                Double.isNaN(m.hitRate()) ? "-" : String.format("%.2f%%", m.hitRate() * 100),
                Text.number(m.turnover()), m.commissions());
        BenchmarkComparison b = t.benchmark();
        if (b != null) {
            System.out.printf("  against %s: beta %s, alpha %s a year, over %d points%n", b.benchmark(),
                    Text.number(b.beta()), Double.isNaN(b.alpha()) ? "-" : String.format("%.2f%%", b.alpha() * 100),
                    b.points());
        }
        System.out.println("  tearsheet " + Path.of(t.folder()).resolve("tearsheet.html"));
        return null;
    }
}

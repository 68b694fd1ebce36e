package org.nautilus.shell.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.nautilus.api.strategy.BacktestResult;
import org.nautilus.api.strategy.BacktestService;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.api.strategy.PerformanceMetrics;

@Command(scope = "nautilus", name = "backtest", description = "Backtests a registered strategy over market data "
        + "files through the platform's own OMS, risk rules, simulated exchange and position keeper on a simulated "
        + "clock; prints progress and the metrics, and writes the tearsheet.", detailedDescription = "SPEC is a properties file (relative to the Karaf home), e.g. etc/backtests/ma-cross-apple"
                + ".properties: strategy, data.N.file/format/symbol/interval or data.N.store (a bar series of the "
                + "factor store, with data.N.symbol), store.factors (stored factor values released as they became "
                + "known), param.* (the strategy's parameters), from, to, initial.cash, slippage.model "
                + "(bps | ticks | sqrt-impact), slippage.bps, slippage.ticks, impact.k, impact.window, participation, "
                + "latency.ms, amend.latency.ms, "
                + "cancel.latency.ms, queue.position, maker.fee.bps, taker.fee.bps, risk.*, equity.interval, "
                + "periods.per.year; param.session.* sets the session DAY orders expire at. Options override it: -s STRATEGY, -p key=value "
                + "(a strategy parameter, repeatable), -o key=value (any spec key, repeatable). Results go to "
                + "data/backtests/<run id>/ (tearsheet.html, PNG charts, orders, fills, equity CSV).")
@Service
public class BacktestCommand implements Action {

    @Option(name = "-s", aliases = "--strategy", description = "the strategy to run (overrides the spec's)")
    @Completion(StrategyCompleter.class)
    String strategy;

    @Option(name = "-p", aliases = "--param", multiValued = true, description = "a strategy parameter, key=value")
    List<String> params;

    @Option(name = "-o", aliases = "--set", multiValued = true, description = "a spec setting, key=value")
    List<String> settings;

    @Argument(index = 0, name = "spec", required = false, description = "the spec file (properties)")
    @Completion(FileCompleter.class)
    String spec;

    @Reference
    BacktestService backtests;

    @Override
    public Object execute() throws IOException {
        Map<String, String> values = new TreeMap<>();
        if (spec != null) {
            values.putAll(
                    BacktestSpec.readSettings(Path.of(System.getProperty("karaf.home", ".")).resolve(spec), spec));
        }
        put(values, settings, "");
        put(values, params, "param.");
        if (strategy != null) {
            values.put("strategy", strategy);
        }
        BacktestResult r = backtests.run(BacktestSpec.fromProperties(values), line -> {
            System.out.println(line);
            System.out.flush();
        });
        PerformanceMetrics m = r.metrics();
        System.out.printf("Backtest %s: %s %s, data %s .. %s%n", r.runId(), r.strategy(), r.parameters(),
                Text.dateTime(r.dataFrom()), Text.dateTime(r.dataTo()));
        System.out.printf("  equity %.2f -> %.2f  return %s  annual %s  volatility %s%n", m.startEquity(),
                m.endEquity(), percent(m.totalReturn()), percent(m.annualReturn()), percent(m.volatility()));
        System.out.printf("  sharpe %s  sortino %s  calmar %s  max drawdown %s over %d periods%n",
                Text.number(m.sharpe()),
                Text.number(m.sortino()), Text.number(m.calmar()), percent(m.maxDrawdown()), m.maxDrawdownPeriods());
        System.out.printf("  %d orders, %d fills, %d round trips, hit rate %s, turnover %s, commissions %.2f%n",
                r.orders(), r.fills(), m.trades(), percent(m.hitRate()), Text.number(m.turnover()), m.commissions());
        System.out.println("  tearsheet " + Path.of(r.folder()).resolve("tearsheet.html"));
        System.out.println("  digest " + r.digest());
        return null;
    }

    private static void put(Map<String, String> values, List<String> pairs, String prefix) {
        if (pairs == null) {
            return;
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + pair + "'");
            }
            values.put(prefix + pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", v * 100);
    }
}

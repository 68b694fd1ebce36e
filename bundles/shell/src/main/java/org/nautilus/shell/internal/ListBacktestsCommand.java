package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.strategy.BacktestResult;
import org.nautilus.api.strategy.BacktestService;

@Command(scope = "nautilus", name = "backtests", description = "Lists the stored backtest runs with their data "
        + "range, counts and headline metrics; each run's files are in data/backtests/<run id>/.")
@Service
public class ListBacktestsCommand implements Action {

    @Reference
    BacktestService backtests;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("RUN");
        table.column("STRATEGY");
        table.column("FROM");
        table.column("TO");
        table.column("ORDERS").alignRight();
        table.column("FILLS").alignRight();
        table.column("RETURN").alignRight();
        table.column("SHARPE").alignRight();
        table.column("MAX DD").alignRight();
        table.column("DIGEST");
        for (BacktestResult r : backtests.backtests()) {
            table.addRow().addContent(r.runId(), r.strategy(), Text.dateTime(r.dataFrom()), Text.dateTime(r.dataTo()),
                    r.orders(), r.fills(), BacktestCommand.percent(r.metrics().totalReturn()),
                    Text.number(r.metrics().sharpe()), BacktestCommand.percent(r.metrics().maxDrawdown()),
                    r.digest().substring(0, 12));
        }
        Text.print(table, session);
        return null;
    }
}

package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.risk.RiskMetrics;
import org.nautilus.api.risk.RiskMetricsService;

@Command(scope = "nautilus", name = "risk", description = "Shows risk metrics per portfolio: exposure, P&L, leverage, VaR.", detailedDescription = "Computed from positions marked at the latest prices: gross and net exposure, today's\n"
        + "realized and unrealized P&L, leverage (gross exposure / equity), and 95% value at risk by\n"
        + "historical simulation over recent returns and by the parametric (variance) method.")
@Service
public class RiskMetricsCommand implements Action {

    @Option(name = "-P", aliases = "--portfolio", description = "only this portfolio")
    String portfolio;

    @Reference
    RiskMetricsService risk;

    @Reference
    Session session;

    @Override
    public Object execute() {
        List<RiskMetrics> metrics = portfolio == null ? risk.metrics()
                : List.of(risk.metrics(PortfolioId.of(portfolio)));
        ShellTable table = new ShellTable();
        table.column("PORTFOLIO");
        table.column("GROSS").alignRight();
        table.column("NET").alignRight();
        table.column("REALIZED").alignRight();
        table.column("UNREALIZED").alignRight();
        table.column("DAILY P&L").alignRight();
        table.column("EQUITY").alignRight();
        table.column("LEVERAGE").alignRight();
        table.column("VaR HIST").alignRight();
        table.column("VaR PARAM").alignRight();
        table.column("VaR BASIS");
        for (RiskMetrics m : metrics) {
            table.addRow().addContent(m.portfolio(), m.grossExposure(), m.netExposure(), m.dailyRealizedPnl(),
                    m.dailyUnrealizedPnl(), m.dailyPnl(), m.equity(), Text.orNone(m.leverage()),
                    Text.orNone(m.historicalVar()), Text.orNone(m.parametricVar()),
                    m.varConfidence().movePointRight(2).stripTrailingZeros().toPlainString() + "% "
                            + Text.orNone(m.varHorizon()) + ", " + m.varObservations() + " obs");
        }
        Text.print(table, session);
        return null;
    }
}

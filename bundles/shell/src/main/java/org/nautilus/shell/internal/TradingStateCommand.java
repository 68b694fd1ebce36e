package org.nautilus.shell.internal;

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
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStateOutcome;
import org.nautilus.api.risk.TradingStateService;
import org.nautilus.api.risk.TradingStatus;

@Command(scope = "nautilus", name = "trading-state", description = "Shows or sets the trading state: the kill switch.", detailedDescription = "ACTIVE trades normally; REDUCING accepts only orders that reduce a position; HALTED\n"
        + "denies every new order (cancels still work) and cancels the open orders of its scope\n"
        + "(cancel.open.orders in etc/nautilus.risk.kill_switch.cfg), saying how many.\n"
        + "Without a state, lists the current states.\n"
        + "  nautilus:trading-state -r \"runaway algo\" HALTED     halt everything\n"
        + "  nautilus:trading-state -P alpha REDUCING            one portfolio\n"
        + "  nautilus:trading-state ACTIVE                       resume")
@Service
public class TradingStateCommand implements Action {

    @Option(name = "-P", aliases = "--portfolio", description = "one portfolio instead of the whole platform")
    String portfolio;

    @Option(name = "-r", aliases = "--reason", description = "why (recorded with the state)")
    String reason = "set from the shell";

    @Argument(index = 0, name = "state", description = "ACTIVE, REDUCING or HALTED")
    @Completion(value = StringsCompleter.class, values = {"ACTIVE", "REDUCING", "HALTED"})
    String state;

    @Reference
    TradingStateService tradingState;

    @Reference
    Session session;

    @Reference(optional = true)
    AuditService audit;

    @Override
    public Object execute() {
        if (state != null) {
            TradingState target = SubmitOrderCommand.parse(TradingState.class, state, "trading state");
            TradingStateOutcome outcome = tradingState.change(portfolio == null ? null : PortfolioId.of(portfolio),
                    target, reason);
            ShellAudit.record(audit, "TRADING_STATE", portfolio == null ? "global" : portfolio,
                    portfolio == null ? null : PortfolioId.of(portfolio), outcome.describe(),
                    Map.of("state", target.name(), "reason", reason, "canceled", Integer.toString(outcome.canceled())));
            System.out.println(outcome.describe());
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("SCOPE");
        table.column("STATE");
        table.column("SINCE (UTC)");
        table.column("REASON");
        for (TradingStatus status : tradingState.statuses()) {
            table.addRow().addContent(status.isGlobal() ? "global" : status.portfolio(), status.state(),
                    Text.time(status.since()), status.reason());
        }
        Text.print(table, session);
        return null;
    }
}

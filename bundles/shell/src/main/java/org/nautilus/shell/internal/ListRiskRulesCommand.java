package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.risk.RiskRuleInfo;
import org.nautilus.api.risk.RiskService;

@Command(scope = "nautilus", name = "risk-rules", description = "Lists the pre-trade risk rules with their current limits.", detailedDescription = "Every registered RiskRule plugin, its limits as configured in etc/nautilus.risk.*.cfg\n"
        + "(edits apply without a restart) and how many orders it has denied.")
@Service
public class ListRiskRulesCommand implements Action {

    @Reference
    RiskService risk;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("RULE");
        table.column("DENIED").alignRight();
        table.column("LIMITS");
        for (RiskRuleInfo rule : risk.rules()) {
            table.addRow().addContent(rule.name(), rule.rejections(), rule.description());
        }
        Text.print(table, session);
        return null;
    }
}

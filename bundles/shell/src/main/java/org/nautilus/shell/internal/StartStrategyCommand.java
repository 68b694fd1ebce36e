package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.nautilus.api.strategy.StrategyInfo;
import org.nautilus.api.strategy.StrategyService;

@Command(scope = "nautilus", name = "strategy-start", description = "Starts a stopped (or failed) strategy: it "
        + "receives its instruments' data from now on and trades through the OMS.")
@Service
public class StartStrategyCommand implements Action {

    @Argument(index = 0, name = "name", required = true, description = "the strategy (see nautilus:strategies)")
    @Completion(StrategyCompleter.class)
    String name;

    @Reference
    StrategyService strategies;

    @Override
    public Object execute() {
        StrategyInfo info = strategies.start(name);
        System.out.println("Strategy " + info.name() + ": " + info.state() + " for portfolio " + info.portfolio()
                + " on " + info.instruments());
        return null;
    }
}

package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.nautilus.api.strategy.StrategyInfo;
import org.nautilus.api.strategy.StrategyService;

@Command(scope = "nautilus", name = "strategy-stop", description = "Stops a running strategy and cancels its open "
        + "orders; with --flatten also closes its positions with market orders (through risk like any order).")
@Service
public class StopStrategyCommand implements Action {

    @Option(name = "-f", aliases = "--flatten", description = "close the strategy's positions")
    boolean flatten;

    @Argument(index = 0, name = "name", required = true, description = "the strategy (see nautilus:strategies)")
    @Completion(StrategyCompleter.class)
    String name;

    @Reference
    StrategyService strategies;

    @Override
    public Object execute() {
        StrategyInfo info = strategies.stop(name, flatten);
        System.out.println("Strategy " + info.name() + ": " + info.state() + " after " + info.orders() + " orders, "
                + info.fills() + " fills" + (flatten ? " (positions flattened)" : ""));
        return null;
    }
}

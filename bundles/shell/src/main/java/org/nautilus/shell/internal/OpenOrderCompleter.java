package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.oms.OrderService;

/** Completes the ids of open orders. */
@Service
public class OpenOrderCompleter implements Completer {

    @Reference
    OrderService orders;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        orders.orders().stream().filter(o -> o.status().isOpen()).forEach(o -> ids.getStrings().add(o.id().toString()));
        return ids.complete(session, commandLine, candidates);
    }
}

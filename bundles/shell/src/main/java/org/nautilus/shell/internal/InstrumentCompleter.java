package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.marketdata.MarketDataService;

/** Completes instrument symbols from the market data gateway. */
@Service
public class InstrumentCompleter implements Completer {

    @Reference
    MarketDataService marketData;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter symbols = new StringsCompleter();
        marketData.instruments().forEach(i -> symbols.getStrings().add(i.id().value()));
        return symbols.complete(session, commandLine, candidates);
    }
}

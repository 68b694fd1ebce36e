package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;

@Command(scope = "nautilus", name = "quotes", description = "Lists the instruments with their latest quote and mark.")
@Service
public class ListQuotesCommand implements Action {

    @Reference
    MarketDataService marketData;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("SYMBOL");
        table.column("CCY");
        table.column("BID SIZE").alignRight();
        table.column("BID").alignRight();
        table.column("ASK").alignRight();
        table.column("ASK SIZE").alignRight();
        table.column("MARK").alignRight();
        table.column("TIME (UTC)");
        for (Instrument instrument : marketData.instruments()) {
            Quote q = marketData.lastQuote(instrument.id()).orElse(null);
            table.addRow().addContent(instrument.id(), instrument.currency(),
                    q == null ? "-" : q.bidSize(), q == null ? "-" : q.bid(), q == null ? "-" : q.ask(),
                    q == null ? "-" : q.askSize(), Text.orNone(marketData.mark(instrument.id()).orElse(null)),
                    q == null ? "-" : Text.time(q.timestamp()));
        }
        Text.print(table, session);
        return null;
    }
}

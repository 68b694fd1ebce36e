package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataService;

@Command(scope = "nautilus", name = "bars", description = "Lists an instrument's most recent closed bars.", detailedDescription = "Bars are published when they close, never early. The default bars, or one of the\n"
        + "kinds configured in etc/nautilus.marketdata.cfg (bar.specs), e.g.\n"
        + "  nautilus:bars AAPL                      default bars\n"
        + "  nautilus:bars -s PT1M -n 30 BTC-USD     1-minute bars\n"
        + "  nautilus:bars -s ticks:100 AAPL         100-trade bars")
@Service
public class ListBarsCommand implements Action {

    @Option(name = "-s", aliases = "--spec", description = "bar kind: ISO duration (PT1S, PT1M, P1D), ticks:N or volume:Q")
    String spec;

    @Option(name = "-n", aliases = "--last", description = "how many bars (default 20)")
    int last = 20;

    @Argument(index = 0, name = "symbol", required = true, description = "instrument symbol")
    @Completion(InstrumentCompleter.class)
    String symbol;

    @Reference
    MarketDataService marketData;

    @Reference
    Session session;

    @Override
    public Object execute() {
        InstrumentId id = InstrumentId.of(symbol);
        if (marketData.instrument(id).isEmpty()) {
            throw new IllegalArgumentException("unknown instrument '" + symbol + "'");
        }
        List<Bar> bars = spec == null ? marketData.bars(id, last) : marketData.bars(id, BarSpec.parse(spec), last);
        ShellTable table = new ShellTable();
        table.column("START (UTC)");
        table.column("END (UTC)");
        table.column("OPEN").alignRight();
        table.column("HIGH").alignRight();
        table.column("LOW").alignRight();
        table.column("CLOSE").alignRight();
        table.column("VOLUME").alignRight();
        for (Bar bar : bars) {
            table.addRow().addContent(bar.start(), bar.end(), bar.open(), bar.high(), bar.low(), bar.close(),
                    bar.volume());
        }
        Text.print(table, session);
        return null;
    }
}

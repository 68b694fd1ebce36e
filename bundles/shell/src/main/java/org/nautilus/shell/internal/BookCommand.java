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
import org.nautilus.api.venue.BookDepth;
import org.nautilus.api.venue.BookLevel;
import org.nautilus.api.venue.Venue;

@Command(scope = "nautilus", name = "book", description = "Shows a venue's order book depth for an instrument.", detailedDescription = "Bids and asks by price level with quantity and order count, best first,\n"
        + "e.g. nautilus:book SIM AAPL or nautilus:book -l 10 SIM BTC-USD.")
@Service
public class BookCommand implements Action {

    @Option(name = "-l", aliases = "--levels", description = "price levels per side (default 5)")
    int levels = 5;

    @Argument(index = 0, name = "venue", required = true, description = "venue id")
    @Completion(VenueCompleter.class)
    String venue;

    @Argument(index = 1, name = "symbol", required = true, description = "instrument symbol")
    @Completion(InstrumentCompleter.class)
    String symbol;

    @Reference
    List<Venue> venues;

    @Reference
    Session session;

    @Override
    public Object execute() {
        Venue target = venues.stream().filter(v -> v.id().value().equals(venue)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no venue '" + venue + "'; venues: "
                        + venues.stream().map(v -> v.id().value()).toList()));
        BookDepth depth = target.depth(InstrumentId.of(symbol), levels)
                .orElseThrow(() -> new IllegalArgumentException("venue " + venue + " shows no book for " + symbol));
        ShellTable table = new ShellTable();
        table.column("BID ORDERS").alignRight();
        table.column("BID QTY").alignRight();
        table.column("BID").alignRight();
        table.column("ASK").alignRight();
        table.column("ASK QTY").alignRight();
        table.column("ASK ORDERS").alignRight();
        for (int i = 0; i < Math.max(depth.bids().size(), depth.asks().size()); i++) {
            BookLevel bid = i < depth.bids().size() ? depth.bids().get(i) : null;
            BookLevel ask = i < depth.asks().size() ? depth.asks().get(i) : null;
            table.addRow().addContent(bid == null ? "" : bid.orders(), bid == null ? "" : bid.quantity(),
                    bid == null ? "" : bid.price(), ask == null ? "" : ask.price(), ask == null ? "" : ask.quantity(),
                    ask == null ? "" : ask.orders());
        }
        System.out.println(venue + " " + symbol + " at " + Text.time(depth.timestamp()) + " UTC");
        Text.print(table, session);
        return null;
    }
}

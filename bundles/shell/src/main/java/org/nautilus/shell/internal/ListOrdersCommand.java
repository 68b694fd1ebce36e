package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.domain.Order;
import org.nautilus.api.oms.OrderService;

@Command(scope = "nautilus", name = "orders", description = "Lists orders, oldest first.")
@Service
public class ListOrdersCommand implements Action {

    @Option(name = "-o", aliases = "--open", description = "only orders that are still open")
    boolean openOnly;

    @Option(name = "-n", aliases = "--last", description = "only the last N orders")
    int last;

    @Reference
    OrderService orders;

    @Reference
    Session session;

    @Override
    public Object execute() {
        List<Order> all = orders.orders().stream().filter(o -> !openOnly || o.status().isOpen()).toList();
        List<Order> shown = last > 0 && all.size() > last ? all.subList(all.size() - last, all.size()) : all;
        ShellTable table = new ShellTable();
        table.column("ID").alignRight();
        table.column("CLIENT ID");
        table.column("PORTFOLIO");
        table.column("SYMBOL");
        table.column("SIDE");
        table.column("TYPE");
        table.column("QTY").alignRight();
        table.column("PRICE").alignRight();
        table.column("FILLED").alignRight();
        table.column("AVG PX").alignRight();
        table.column("STATUS");
        table.column("VENUE");
        table.column("REASON");
        for (Order o : shown) {
            table.addRow().addContent(o.id(), o.clientOrderId(), o.portfolioId(), o.instrumentId(), o.side(),
                    o.request().type(), o.quantity(), Text.orNone(o.request().limitPrice()), o.filledQuantity(),
                    Text.orNone(o.averagePrice()), o.status(), Text.orNone(Text.venueReached(o)),
                    Text.orNone(o.reason()));
        }
        Text.print(table, session);
        return null;
    }
}

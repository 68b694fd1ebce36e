package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.venue.VenueService;

@Command(scope = "nautilus", name = "order", description = "Shows one order: its events, fills and routing decision.", detailedDescription = "The order's full history, e.g. nautilus:order 42 or nautilus:order my-client-id-1.")
@Service
public class ShowOrderCommand implements Action {

    @Argument(index = 0, name = "order", required = true, description = "the OMS order id or the client order id")
    String id;

    @Reference
    OrderService orders;

    @Reference
    VenueService venues;

    @Reference
    Session session;

    @Override
    public Object execute() {
        Order order = (id.chars().allMatch(Character::isDigit) ? orders.order(OrderId.parse(id))
                : orders.order(ClientOrderId.of(id)))
                        .orElseThrow(() -> new IllegalArgumentException("no order '" + id + "'"));
        System.out.println(Text.order(order));
        venues.decision(order.id()).ifPresent(d -> System.out.println("Routing: " + d.reason()));

        ShellTable events = new ShellTable();
        events.column("#").alignRight();
        events.column("TIME (UTC)");
        events.column("EVENT");
        events.column("STATUS");
        events.column("REASON");
        for (OrderEvent event : orders.events(order.id())) {
            events.addRow().addContent(event.version(), Text.time(event.timestamp()), event.type(),
                    event.order().status(), Text.orNone(event.reason()));
        }
        System.out.println();
        Text.print(events, session);

        ShellTable fills = new ShellTable();
        fills.column("EXECUTION");
        fills.column("TIME (UTC)");
        fills.column("VENUE");
        fills.column("QTY").alignRight();
        fills.column("PRICE").alignRight();
        fills.column("COMMISSION").alignRight();
        for (Fill fill : orders.fills(order.id())) {
            fills.addRow().addContent(fill.executionId(), Text.time(fill.timestamp()), fill.venueId(), fill.quantity(),
                    fill.price(), fill.commission());
        }
        System.out.println();
        Text.print(fills, session);
        return null;
    }
}

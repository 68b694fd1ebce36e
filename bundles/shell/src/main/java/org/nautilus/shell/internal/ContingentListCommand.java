package org.nautilus.shell.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.ContingencyType;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.oms.OrderService;

/**
 * What nautilus:oco and nautilus:oto share: orders typed as {@link OrderSpec}s, one portfolio, venue and time in
 * force for all, client order ids {@code <prefix>-1}, {@code <prefix>-2} ..., submitted as one {@link OrderList}.
 */
abstract class ContingentListCommand implements Action {

    @Argument(index = 0, name = "orders", required = true, multiValued = true, description = "two or more orders, each quoted: \""
            + OrderSpec.SYNTAX + "\"")
    @Completion(value = StringsCompleter.class, values = {"BUY", "SELL"})
    List<String> orders;

    @Option(name = "-v", aliases = "--venue", description = "venue id of every order; without it the smart order router"
            + " chooses")
    @Completion(VenueCompleter.class)
    String venue;

    @Option(name = "-P", aliases = "--portfolio", description = "portfolio (default: default)")
    String portfolio = "default";

    @Option(name = "-c", aliases = "--client-id", description = "client order id prefix; the orders get <prefix>-1, "
            + "<prefix>-2, ... (default: generated)")
    String clientIdPrefix;

    @Option(name = "--tif", description = "time in force of every order: DAY, GTC (default), GTD")
    @Completion(value = StringsCompleter.class, values = {"DAY", "GTC", "GTD"})
    String timeInForce = "GTC";

    @Option(name = "--expire", description = "expire time of GTD orders, ISO-8601, e.g. 2026-12-31T21:00:00Z")
    String expireTime;

    @Reference
    OrderService orderService;

    @Reference(optional = true)
    AuditService audit;

    abstract ContingencyType type();

    @Override
    public Object execute() {
        if (orders.size() < 2) {
            throw new IllegalArgumentException("an " + type() + " list needs at least 2 orders, got " + orders.size()
                    + "; quote each order: \"" + OrderSpec.SYNTAX + "\"");
        }
        String prefix = clientIdPrefix != null ? clientIdPrefix : "sh-" + UUID.randomUUID().toString().substring(0, 8);
        TimeInForce tif = SubmitOrderCommand.parse(TimeInForce.class, timeInForce, "time in force");
        Instant expire = expireTime == null ? null : Instant.parse(expireTime);
        PortfolioId book = PortfolioId.of(portfolio);
        VenueId venueId = venue == null ? null : VenueId.of(venue);
        List<OrderRequest> requests = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            requests.add(OrderSpec.parse(orders.get(i), i + 1, ClientOrderId.of(prefix + "-" + (i + 1)), book,
                    venueId, tif, expire));
        }
        List<Order> placed = orderService.submit(new OrderList(type(), requests));
        ShellAudit.record(audit, type().name(), placed.get(0).id().toString(), book,
                placed.stream().map(Text::order).collect(Collectors.joining("; ")),
                Map.of("clientOrderId", prefix));
        placed.forEach(order -> System.out.println(Text.order(order)));
        return null;
    }
}

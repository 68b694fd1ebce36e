package org.nautilus.shell.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.oms.OrderService;

@Command(scope = "nautilus", name = "bracket", description = "Submits a bracket: an entry with a take-profit and a stop-loss.", detailedDescription = "The exits (the other side, the entry's quantity) work once the entry fills; when one\n"
        + "exit fills, the other is canceled (OCO). E.g. buy 10 AAPL at market, take profit at 200,\n"
        + "stop out at 180:\n"
        + "  nautilus:bracket -v SIM BUY 10 AAPL 200 180\n"
        + "Client order ids are <prefix>-entry, <prefix>-tp and <prefix>-sl.")
@Service
public class BracketOrderCommand implements Action {

    @Option(name = "-p", aliases = "--price", description = "entry limit price (default: a MARKET entry)")
    String entryPrice;

    @Option(name = "-v", aliases = "--venue", description = "venue id; without it the smart order router chooses")
    @Completion(VenueCompleter.class)
    String venue;

    @Option(name = "-P", aliases = "--portfolio", description = "portfolio (default: default)")
    String portfolio = "default";

    @Option(name = "-c", aliases = "--client-id", description = "client order id prefix (default: generated)")
    String clientIdPrefix;

    @Argument(index = 0, name = "side", required = true, description = "side of the entry: BUY or SELL")
    @Completion(value = StringsCompleter.class, values = {"BUY", "SELL"})
    String side;

    @Argument(index = 1, name = "quantity", required = true, description = "quantity of the entry and of each exit")
    String quantity;

    @Argument(index = 2, name = "symbol", required = true, description = "instrument symbol")
    @Completion(InstrumentCompleter.class)
    String symbol;

    @Argument(index = 3, name = "takeProfit", required = true, description = "limit price of the take-profit exit")
    String takeProfit;

    @Argument(index = 4, name = "stopLoss", required = true, description = "stop price of the stop-loss exit")
    String stopLoss;

    @Reference
    OrderService orders;

    @Reference(optional = true)
    AuditService audit;

    @Override
    public Object execute() {
        String prefix = clientIdPrefix != null ? clientIdPrefix : "sh-" + UUID.randomUUID().toString().substring(0, 8);
        Side entrySide = SubmitOrderCommand.parse(Side.class, side, "side");
        Quantity qty = Quantity.of(quantity);
        InstrumentId instrument = InstrumentId.of(symbol);
        PortfolioId book = PortfolioId.of(portfolio);
        VenueId venueId = venue == null ? null : VenueId.of(venue);
        OrderRequest entry = new OrderRequest(ClientOrderId.of(prefix + "-entry"), book, instrument, entrySide,
                entryPrice == null ? OrderType.MARKET : OrderType.LIMIT, qty,
                entryPrice == null ? null : Price.of(entryPrice), null, TimeInForce.GTC, null, venueId, false, false);
        OrderRequest profit = new OrderRequest(ClientOrderId.of(prefix + "-tp"), book, instrument, entrySide.opposite(),
                OrderType.LIMIT, qty, Price.of(takeProfit), null, TimeInForce.GTC, null, venueId, false, false);
        OrderRequest stop = new OrderRequest(ClientOrderId.of(prefix + "-sl"), book, instrument, entrySide.opposite(),
                OrderType.STOP, qty, null, Price.of(stopLoss), TimeInForce.GTC, null, venueId, false, false);
        List<Order> placed = orders.submit(OrderList.bracket(entry, profit, stop));
        ShellAudit.record(audit, "BRACKET", placed.get(0).id().toString(), book,
                placed.stream().map(Text::order).collect(Collectors.joining("; ")),
                Map.of("clientOrderId", prefix));
        placed.forEach(order -> System.out.println(Text.order(order)));
        return null;
    }
}

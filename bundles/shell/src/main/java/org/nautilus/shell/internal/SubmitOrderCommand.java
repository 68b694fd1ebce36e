package org.nautilus.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderService;

@Command(scope = "nautilus", name = "submit", description = "Submits an order: pre-trade risk, routing, venue.", detailedDescription = "Submits a new order and prints where it stands, e.g.\n"
        + "  nautilus:submit BUY 10 AAPL                      market order, routed by the smart order router\n"
        + "  nautilus:submit -t LIMIT -p 410.50 SELL 5 MSFT    limit order\n"
        + "  nautilus:submit -v SIM -c my-id-1 BUY 1 AAPL      to venue SIM with client order id my-id-1\n"
        + "Options come before the arguments. A repeated client order id returns the existing order\n"
        + "instead of creating a second one.")
@Service
public class SubmitOrderCommand implements Action {

    @Argument(index = 0, name = "side", required = true, description = "BUY or SELL")
    @Completion(value = StringsCompleter.class, values = {"BUY", "SELL"})
    String side;

    @Argument(index = 1, name = "quantity", required = true, description = "positive quantity, e.g. 10 or 0.5")
    String quantity;

    @Argument(index = 2, name = "symbol", required = true, description = "instrument symbol, e.g. AAPL")
    @Completion(InstrumentCompleter.class)
    String symbol;

    @Option(name = "-t", aliases = "--type", description = "MARKET (default), LIMIT, STOP or STOP_LIMIT")
    @Completion(value = StringsCompleter.class, values = {"MARKET", "LIMIT", "STOP", "STOP_LIMIT"})
    String type = "MARKET";

    @Option(name = "-p", aliases = "--price", description = "limit price (LIMIT, STOP_LIMIT)")
    String limitPrice;

    @Option(name = "-s", aliases = "--stop", description = "stop price (STOP, STOP_LIMIT)")
    String stopPrice;

    @Option(name = "--tif", description = "time in force: DAY (default), GTC, IOC, FOK, GTD")
    @Completion(value = StringsCompleter.class, values = {"DAY", "GTC", "IOC", "FOK", "GTD"})
    String timeInForce = "DAY";

    @Option(name = "--expire", description = "expire time of a GTD order, ISO-8601, e.g. 2026-12-31T21:00:00Z")
    String expireTime;

    @Option(name = "-v", aliases = "--venue", description = "venue id; without it the smart order router chooses")
    @Completion(VenueCompleter.class)
    String venue;

    @Option(name = "-P", aliases = "--portfolio", description = "portfolio (default: default)")
    String portfolio = "default";

    @Option(name = "-c", aliases = "--client-id", description = "client order id (default: generated)")
    String clientOrderId;

    @Option(name = "--post-only", description = "LIMIT order that must add liquidity")
    boolean postOnly;

    @Option(name = "--reduce-only", description = "order may only reduce the position")
    boolean reduceOnly;

    @Option(name = "-w", aliases = "--wait", description = "milliseconds to wait for the order to fill or end (default 2000)")
    long waitMillis = 2000;

    @Reference
    OrderService orders;

    @Reference(optional = true)
    AuditService audit;

    @Override
    public Object execute() throws Exception {
        OrderType orderType = parse(OrderType.class, type, "order type");
        TimeInForce tif = parse(TimeInForce.class, timeInForce, "time in force");
        OrderRequest request = new OrderRequest(
                ClientOrderId.of(
                        clientOrderId != null ? clientOrderId : "sh-" + UUID.randomUUID().toString().substring(0, 8)),
                PortfolioId.of(portfolio), InstrumentId.of(symbol), parse(Side.class, side, "side"), orderType,
                Quantity.of(quantity), limitPrice == null ? null : Price.of(limitPrice),
                stopPrice == null ? null : Price.of(stopPrice), tif,
                expireTime == null ? null : Instant.parse(expireTime),
                venue == null ? null : VenueId.of(venue), postOnly, reduceOnly);
        Order submitted = orders.submit(request);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("clientOrderId", request.clientOrderId().value());
        if (submitted.refusalCode() != null) {
            fields.put("code", submitted.refusalCode().name());
        }
        ShellAudit.record(audit, "SUBMIT", submitted.id().toString(), submitted.portfolioId(), Text.order(submitted),
                fields);
        Order order = awaitSettled(submitted);
        System.out.println(Text.order(order));
        return null;
    }

    /** A venue may fill after submit returns; wait a little so the user sees the outcome. */
    private Order awaitSettled(Order order) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMillis(waitMillis).toNanos();
        Order current = order;
        while (!current.status().isTerminal() && current.status() != OrderStatus.PARTIALLY_FILLED
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            current = orders.order(order.id()).orElse(current);
        }
        return current;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + what + " '" + text + "', expected one of "
                    + Arrays.toString(type.getEnumConstants()), e);
        }
    }
}

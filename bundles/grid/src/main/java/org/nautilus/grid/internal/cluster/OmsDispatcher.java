package org.nautilus.grid.internal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.nautilus.api.venue.VenueService;

/**
 * On the node running the OMS: decodes a call from another node, applies it to the local OMS and encodes the
 * answer. Business refusals are values and travel as results; an invalid argument or an unavailable OMS travel as
 * errors the caller turns back into the same exceptions. Plain Java.
 */
final class OmsDispatcher implements OmsEndpoint {

    static final String INVALID = "invalid";
    static final String UNAVAILABLE = "unavailable";
    static final String FAILED = "failed";

    private final Supplier<OrderService> orders;
    private final Supplier<VenueService> venues;
    private final long waitMillis;

    /**
     * @param waitMillis how long a call waits for the OMS to come up on this node (it just took the leadership)
     */
    OmsDispatcher(Supplier<OrderService> orders, Supplier<VenueService> venues, long waitMillis) {
        this.orders = orders;
        this.venues = venues;
        this.waitMillis = waitMillis;
    }

    @Override
    public String call(String method, String arguments) {
        try {
            JsonNode args = Payloads.tree(arguments);
            Object result = switch (method) {
                case "submit" -> oms().submit(arg(args, 0, OrderRequest.class));
                case "submitList" -> oms().submit(arg(args, 0, OrderList.class));
                case "amend" -> oms().amend(arg(args, 0, OrderId.class), arg(args, 1, Quantity.class),
                        arg(args, 2, Price.class));
                case "cancel" -> oms().cancel(arg(args, 0, OrderId.class));
                case "order" -> oms().order(arg(args, 0, OrderId.class)).orElse(null);
                case "orderByClientId" -> oms().order(arg(args, 0, ClientOrderId.class)).orElse(null);
                case "orders" -> oms().orders();
                case "fills" -> oms().fills(arg(args, 0, OrderId.class));
                case "events" -> oms().events(arg(args, 0, OrderId.class));
                case "venues" -> venueService().venues();
                case "decisions" -> venueService().decisions(args.get(0).asInt());
                case "decision" -> venueService().decision(arg(args, 0, OrderId.class)).orElse(null);
                default -> throw new IllegalArgumentException("unknown OMS call '" + method + "'");
            };
            return "{\"result\":" + Payloads.write(result) + "}";
        } catch (OrderServiceUnavailableException e) {
            return error(UNAVAILABLE, e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(INVALID, e.getMessage());
        } catch (RuntimeException e) {
            return error(FAILED, e.toString());
        }
    }

    private static <T> T arg(JsonNode args, int index, Class<T> type) {
        return Payloads.read(args.get(index), type);
    }

    private OrderService oms() {
        return await(orders, "OMS");
    }

    private VenueService venueService() {
        return await(venues, "execution engine");
    }

    /** The service, once up: right after the leadership moved here the OMS is still recovering. */
    private <T> T await(Supplier<T> service, String what) {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        T found = service.get();
        while (found == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = service.get();
        }
        if (found == null) {
            throw new OrderServiceUnavailableException("the " + what + " is not running on the node that holds the "
                    + "OMS leadership (it is starting or stopping); retry");
        }
        return found;
    }

    private static String error(String kind, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("error", kind);
        error.put("message", message == null ? kind : message);
        return Payloads.write(error);
    }
}

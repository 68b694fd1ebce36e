package org.nautilus.grid.internal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.nautilus.api.venue.VenueService;

/**
 * On the node running the OMS: decodes a call from another node, applies it to the local OMS and encodes the
 * answer. Business refusals are values and travel as results; an invalid argument or an unavailable OMS travel as
 * errors the caller turns back into the same exceptions. Plain Java.
 */
final class OmsDispatcher implements OmsClusterEndpoint {

    static final String INVALID = "invalid";
    static final String UNAVAILABLE = "unavailable";
    static final String FAILED = "failed";

    private final LocalOms local;

    OmsDispatcher(LocalOms local) {
        this.local = local;
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
                case "reconciliations" -> venueService().reconciliations();
                case "acknowledge" -> venueService().acknowledge(arg(args, 0, VenueId.class),
                        args.get(1).asText());
                case "reconcile" -> venueService().reconcile(arg(args, 0, VenueId.class));
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
        return local.orders();
    }

    private VenueService venueService() {
        return local.venues();
    }

    private static String error(String kind, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("error", kind);
        error.put("message", message == null ? kind : message);
        return Payloads.write(error);
    }
}

package org.nautilus.routes.internal.oms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;

/**
 * Converts message bodies into order requests for {@code nautilus:oms}:
 * <ul>
 *   <li>an {@link OrderRequest}, or a collection of them;</li>
 *   <li>text, one order per line: {@code SIDE,SYMBOL,QUANTITY[,LIMIT_PRICE[,CLIENT_ORDER_ID]]} (no price, or an
 *       empty one: a market order); blank lines and {@code #} comments are skipped;</li>
 *   <li>a {@code Map} with {@code side}, {@code symbol}, {@code quantity}, optional {@code price},
 *       {@code clientOrderId}, {@code timeInForce}.</li>
 * </ul>
 * Orders without a client order id get {@code <idPrefix>-<n>}: a redelivered exchange gets the same ids, and the
 * OMS's idempotency on client order ids makes the resubmission harmless.
 */
public final class OrderMessages {

    private OrderMessages() {
    }

    /** Defaults of the endpoint: portfolio, venue ({@code null}: the smart order router) and time in force. */
    public record Defaults(PortfolioId portfolio, VenueId venue, TimeInForce timeInForce) {
    }

    public static List<OrderRequest> toRequests(Object body, Defaults defaults, String idPrefix) {
        List<OrderRequest> requests = new ArrayList<>();
        collect(body, defaults, idPrefix, requests);
        return requests;
    }

    private static void collect(Object body, Defaults defaults, String idPrefix, List<OrderRequest> out) {
        if (body instanceof OrderRequest request) {
            out.add(request);
        } else if (body instanceof Iterable<?> items) {
            for (Object item : items) {
                collect(item, defaults, idPrefix, out);
            }
        } else if (body instanceof Map<?, ?> map) {
            out.add(fromMap(map, defaults, idPrefix + "-" + (out.size() + 1)));
        } else if (body instanceof CharSequence || body instanceof byte[]) {
            String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : body.toString();
            for (String line : text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList()) {
                out.add(fromLine(line, defaults, idPrefix + "-" + (out.size() + 1)));
            }
        } else {
            throw new IllegalArgumentException("nautilus:oms cannot submit a "
                    + (body == null ? "null body" : body.getClass().getName())
                    + ": send an OrderRequest, a Map (side, symbol, quantity[, price]) or text lines"
                    + " 'SIDE,SYMBOL,QUANTITY[,LIMIT_PRICE[,CLIENT_ORDER_ID]]'");
        }
    }

    static OrderRequest fromLine(String line, Defaults defaults, String generatedId) {
        String[] f = line.split(",", -1);
        if (f.length < 3 || f.length > 5) {
            throw new IllegalArgumentException("bad order line '" + line
                    + "': expected SIDE,SYMBOL,QUANTITY[,LIMIT_PRICE[,CLIENT_ORDER_ID]], e.g. BUY,AAPL,100,190.05");
        }
        try {
            String price = f.length > 3 ? f[3].strip() : "";
            String clientId = f.length > 4 && !f[4].isBlank() ? f[4].strip() : generatedId;
            return request(f[0], f[1], f[2], price.isEmpty() ? null : price, clientId, null, defaults);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad order line '" + line + "': " + e.getMessage(), e);
        }
    }

    private static OrderRequest fromMap(Map<?, ?> map, Defaults defaults, String generatedId) {
        try {
            Object clientId = map.get("clientOrderId");
            Object tif = map.get("timeInForce");
            return request(string(map, "side"), string(map, "symbol"), string(map, "quantity"),
                    map.get("price") == null ? null : map.get("price").toString(),
                    clientId == null ? generatedId : clientId.toString(), tif == null ? null : tif.toString(),
                    defaults);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad order " + map + ": " + e.getMessage(), e);
        }
    }

    private static OrderRequest request(String side, String symbol, String quantity, String price, String clientId,
            String tif, Defaults defaults) {
        Side s;
        try {
            s = Side.valueOf(side.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("side must be BUY or SELL, got '" + side.strip() + "'");
        }
        TimeInForce timeInForce = tif == null ? defaults.timeInForce()
                : TimeInForce.valueOf(tif.strip().toUpperCase(Locale.ROOT));
        return new OrderRequest(ClientOrderId.of(clientId), defaults.portfolio(), InstrumentId.of(symbol.strip()), s,
                price == null ? OrderType.MARKET : OrderType.LIMIT, Quantity.of(quantity),
                price == null ? null : Price.of(price), null, timeInForce, null, defaults.venue(), false, false);
    }

    private static String string(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return value.toString();
    }
}

package org.nautilus.oms.internal.routing;

import java.util.List;
import java.util.function.Supplier;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.venue.Venue;

/** Chooses where a new order goes among the registered venues. Called by the writer of the order's partition. */
public interface OrderRouter {

    /**
     * The routing plan: one leg, several legs (a split), or a refusal saying why no venue fits.
     *
     * @param venues the registered venues, sorted by id
     */
    RoutingPlan route(OrderRequest request, List<Venue> venues);

    /**
     * A routing outcome. The legs' quantities add up to the order's quantity; no legs means refused.
     *
     * @param legs        where the order goes
     * @param code        {@code OK}, or a stable reason code of the refusal
     * @param explanation the decision in words, written only when someone reads it (from values captured at
     *                    decision time), so the hot path does not format text nobody looks at
     */
    record RoutingPlan(List<Leg> legs, String code, Supplier<String> explanation) {

        public RoutingPlan {
            legs = List.copyOf(legs);
        }

        public static RoutingPlan to(Venue venue, Quantity quantity, Price expectedPrice, String reason) {
            return new RoutingPlan(List.of(new Leg(venue, quantity, expectedPrice)), "OK", () -> reason);
        }

        /** One leg, the reason written when read. */
        public static RoutingPlan lazy(Venue venue, Quantity quantity, Price expectedPrice, Supplier<String> reason) {
            return new RoutingPlan(List.of(new Leg(venue, quantity, expectedPrice)), "OK", reason);
        }

        public static RoutingPlan refused(String code, String reason) {
            return new RoutingPlan(List.of(), code, () -> reason);
        }

        public boolean routed() {
            return !legs.isEmpty();
        }

        /** The decision in words. */
        public String reason() {
            return explanation.get();
        }
    }

    /** One venue's part of a plan; {@code expectedPrice} is {@code null} when the book shows none. */
    record Leg(Venue venue, Quantity quantity, Price expectedPrice) {
    }
}

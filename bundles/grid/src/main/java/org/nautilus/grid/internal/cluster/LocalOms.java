package org.nautilus.grid.internal.cluster;

import java.util.Optional;
import java.util.function.Supplier;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.nautilus.api.venue.VenueService;

/**
 * This node's own OMS and execution engine (registered only where the leadership is), waited for briefly: right
 * after the leadership moves here they are still recovering from the store. Plain Java.
 */
final class LocalOms {

    private final Supplier<OrderService> orders;
    private final Supplier<VenueService> venues;
    private final Supplier<Optional<String>> whyNot;
    private final long waitMillis;

    /**
     * @param whyNot     why the OMS does not run here although this node holds the leadership, if known (named in the
     *                   error every node's clients then see)
     * @param waitMillis how long a call waits for the OMS to come up on this node
     */
    LocalOms(Supplier<OrderService> orders, Supplier<VenueService> venues, Supplier<Optional<String>> whyNot,
            long waitMillis) {
        this.orders = orders;
        this.venues = venues;
        this.whyNot = whyNot;
        this.waitMillis = waitMillis;
    }

    OrderService orders() {
        return await(orders, "OMS");
    }

    VenueService venues() {
        return await(venues, "execution engine");
    }

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
                    + "OMS leadership (" + whyNot.get().orElse("it is starting or stopping") + "); retry");
        }
        return found;
    }
}

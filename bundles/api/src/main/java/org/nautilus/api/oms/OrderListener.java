package org.nautilus.api.oms;

import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard listener: register it as an OSGi service and the OMS calls it on every order change and fill,
 * in order, from the OMS thread of the order's portfolio. It must return quickly and not throw.
 */
@ConsumerType
public interface OrderListener {

    default void onOrder(Order order) {
    }

    default void onFill(Fill fill) {
    }
}

package org.nautilus.api.oms;

import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard listener that is part of the OMS step: register it as an OSGi service and the OMS calls it on every
 * order change and fill, in order, on the writer thread of the order's portfolio, inside the step's unit of work,
 * before that unit is durable. What it writes to the store (the position keeper's positions) commits with the
 * order change; what it keeps in memory (risk's open orders) is rebuilt from the store after a crash.
 *
 * <p>It must never take anything out of the process (a file, a socket, a message): the step may still be lost. Use
 * an {@link OrderEventSubscriber} for that. It must return quickly and not throw.
 */
@ConsumerType
public interface OrderStepListener {

    default void onOrder(Order order) {
    }

    default void onFill(Fill fill) {
    }
}

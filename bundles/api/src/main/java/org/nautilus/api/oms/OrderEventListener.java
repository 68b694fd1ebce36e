package org.nautilus.api.oms;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard listener for the OMS's event stream (journal, audit, grid persistence): register it as an OSGi
 * service and the OMS calls it with every {@link OrderEvent}, in order per order (and per portfolio), from
 * the writer thread of the order's portfolio. It must return quickly and not throw.
 */
@ConsumerType
public interface OrderEventListener {

    void onEvent(OrderEvent event);
}

package org.nautilus.grid.internal.cluster;

/**
 * The OMS as other nodes call it, through Ignite's service proxy of the cluster singleton: one method, the call's
 * name and its arguments as JSON ({@link Payloads}), the answer as JSON: {@code {"result": ...}} or
 * {@code {"error": "<kind>", "message": "..."}}.
 */
public interface OmsClusterEndpoint {

    String call(String method, String arguments);
}

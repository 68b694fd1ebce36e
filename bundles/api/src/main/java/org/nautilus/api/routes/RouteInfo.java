package org.nautilus.api.routes;

/**
 * A route in the Camel runtime.
 *
 * @param id          the route id
 * @param source      the route file it came from, or the bundle that registered it
 * @param from        the consumer endpoint URI
 * @param state       {@code Started}, {@code Stopped}, ...
 * @param exchanges   exchanges completed
 * @param failures    exchanges failed
 */
public record RouteInfo(String id, String source, String from, String state, long exchanges, long failures) {
}

package org.nautilus.api.venue;

import java.util.Objects;

/**
 * The answer to one reconciliation query ({@link Venue#openOrders}, {@link Venue#executions}, {@link Venue#positions}):
 * a value, a failure with its reason, or "this venue cannot answer that". A failure is never an empty answer: a venue
 * that could not ask says so, and the OMS keeps it unavailable rather than read it as "no orders" or "flat".
 *
 * @param outcome what came back
 * @param value   the answer when {@code outcome} is {@link Outcome#ANSWERED}, otherwise {@code null}
 * @param reason  why not, when {@code outcome} is {@link Outcome#FAILED} or {@link Outcome#UNSUPPORTED}
 * @since 1.3
 */
public record VenueQuery<T>(Outcome outcome, T value, String reason) {

    /** What a query gave. */
    public enum Outcome {
        ANSWERED,
        /** The venue was asked and did not answer (network, authentication, pacing, malformed reply). */
        FAILED,
        /** The venue cannot answer this query at all (it keeps no such state). */
        UNSUPPORTED
    }

    public VenueQuery {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.ANSWERED) {
            Objects.requireNonNull(value, "value");
        } else if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a " + outcome + " query needs a reason");
        }
    }

    public static <T> VenueQuery<T> answered(T value) {
        return new VenueQuery<>(Outcome.ANSWERED, value, null);
    }

    public static <T> VenueQuery<T> failed(String reason) {
        return new VenueQuery<>(Outcome.FAILED, null, reason);
    }

    public static <T> VenueQuery<T> unsupported(String reason) {
        return new VenueQuery<>(Outcome.UNSUPPORTED, null, reason);
    }

    public boolean answered() {
        return outcome == Outcome.ANSWERED;
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}

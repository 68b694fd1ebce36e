package org.nautilus.rest.internal;

/**
 * The one shape of every failure the HTTP API answers with.
 *
 * @param status  the HTTP status, repeated in the body so a log line or a proxy that drops it keeps it
 * @param code    a stable, machine-readable code: the OMS's and risk rules' own rejection codes where they decide
 *                (the same the shell shows in brackets), otherwise one of this API's ({@code MALFORMED_JSON}, ...)
 * @param message what went wrong and what to do, in words
 * @param field   the request field, query or path parameter at fault, {@code null} when none is
 * @param orderId the order the failure is about when one was created or found (a risk denial), else {@code null}
 */
public record ApiError(int status, String code, String message, String field, String orderId) {

    public static ApiError of(int status, String code, String message, String field) {
        return new ApiError(status, code, message, field, null);
    }
}

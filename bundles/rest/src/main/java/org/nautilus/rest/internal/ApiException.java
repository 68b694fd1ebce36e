package org.nautilus.rest.internal;

/** A request the API refuses: carries the error the client gets; {@link ErrorMapper} writes it. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    public ApiException(ApiError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public ApiException(int status, String code, String message, String field) {
        this(ApiError.of(status, code, message, field));
    }

    public ApiError error() {
        return error;
    }

    static ApiException badParameter(String field, String message) {
        return new ApiException(400, "INVALID_PARAMETER", message, field);
    }
}

package org.nautilus.venue.ibkr.internal;

/** A Client Portal Web API call that failed: the HTTP status (0: no answer) and what the gateway said. */
final class IbkrException extends Exception {

    private final int status;

    IbkrException(int status, String message) {
        super(message);
        this.status = status;
    }

    IbkrException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    int status() {
        return status;
    }

    /** 401: the gateway's brokerage session is not (or no longer) authenticated. */
    boolean unauthenticated() {
        return status == 401;
    }
}

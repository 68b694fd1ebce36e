package org.nautilus.api.store;

/**
 * The store could not do what was asked: a commit failed (its outcome is unknown or negative), the store is
 * closed, or its data cannot be read. The message says what and, where it can, what to do.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

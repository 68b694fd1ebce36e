package org.nautilus.api.research.store;

/** The store could not read or write its files (disk full, a damaged file, the engine failed). */
public class FactorStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FactorStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

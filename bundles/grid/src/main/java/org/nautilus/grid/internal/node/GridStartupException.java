package org.nautilus.grid.internal.node;

/**
 * The grid node cannot start: an unusable or corrupt work directory, an invalid setting, or Ignite refusing to
 * start. The message says what is wrong, where, and what to do about it.
 */
public final class GridStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GridStartupException(String message) {
        super(message);
    }

    public GridStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}

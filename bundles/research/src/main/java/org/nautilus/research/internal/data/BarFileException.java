package org.nautilus.research.internal.data;

/** A bar file that cannot be read, with the place and the reason, e.g. {@code bars.csv:17: high 9.5 is below low 10}. */
public final class BarFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public BarFileException(String message) {
        super(message);
    }

    public BarFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

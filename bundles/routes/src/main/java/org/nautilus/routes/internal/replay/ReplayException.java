package org.nautilus.routes.internal.replay;

/** A line of a replayed file that cannot be read: the file and line say where. */
public final class ReplayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReplayException(String file, long line, String message, Throwable cause) {
        super(file + ", line " + line + ": " + message, cause);
    }
}

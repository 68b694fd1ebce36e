package org.nautilus.routes.internal.files;

/** A problem found in a route file, at a line when known ({@code <= 0}: unknown). */
final class RouteFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;

    RouteFileException(int line, String message) {
        super(message);
        this.line = line;
    }

    int line() {
        return line;
    }
}

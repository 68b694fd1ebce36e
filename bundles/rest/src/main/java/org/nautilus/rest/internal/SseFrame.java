package org.nautilus.rest.internal;

/**
 * One server-sent event as it goes on the wire, rendered once however many clients it goes to: an order event
 * fanned out to 100 streams is written as JSON once, not 100 times.
 *
 * @param name the event's type ({@code NEW}, {@code FILLED}, {@code quote}, {@code heartbeat}, ...)
 * @param id   its id ({@code portfolio:sequence} for order events), or {@code null}
 * @param data its data: one line of JSON
 */
record SseFrame(String name, String id, String data) {

    SseFrame {
        requireOneLine("name", name);
        if (id != null) {
            requireOneLine("id", id);
        }
        requireOneLine("data", data);
    }

    /** The event in the text/event-stream format, without the blank line that ends it. */
    void appendTo(StringBuilder text) {
        text.append("event: ").append(name).append('\n');
        if (id != null) {
            text.append("id: ").append(id).append('\n');
        }
        text.append("data: ").append(data);
    }

    /** A line break would end the field early and corrupt the stream for every client. */
    private static void requireOneLine(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException("an event's " + field + " is required");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event's " + field + " must be one line, got " + value);
        }
    }
}

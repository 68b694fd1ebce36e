package org.nautilus.venue.ibkr.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection to the Client Portal gateway's WebSocket ({@code /v1/api/ws}) over the JDK's
 * {@link java.net.http.WebSocket}, on the venue's own {@link HttpClient} (same TLS settings, same cookies). Text
 * messages are reassembled from their fragments and handed to {@link Events#message} on the JDK's thread; the end of
 * the connection (closed by the gateway, an I/O error, a failed send, {@link #abort}) is reported once to
 * {@link Events#dropped}. Sends are chained: the JDK allows one outstanding send at a time.
 */
final class IbkrSocket {

    /** What the socket tells its owner. Called on the JDK's threads: hand the work on, never block. */
    interface Events {
        void message(IbkrSocket socket, String text);

        void dropped(IbkrSocket socket, String why);
    }

    private final Events events;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile WebSocket webSocket;
    private volatile long lastHeardNanos = System.nanoTime();
    private CompletableFuture<WebSocket> sending;

    private IbkrSocket(Events events) {
        this.events = events;
    }

    /** Opens a socket; the stage fails if the gateway refuses the upgrade or does not answer within the timeout. */
    static CompletableFuture<IbkrSocket> open(HttpClient http, URI uri, Duration timeout, Events events) {
        IbkrSocket socket = new IbkrSocket(events);
        return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, socket.new Listener())
                .thenApply(ws -> {
                    socket.webSocket = ws;
                    synchronized (socket) {
                        socket.sending = CompletableFuture.completedFuture(ws);
                    }
                    return socket;
                });
    }

    /** Sends one text message after those sent before it; a failed send drops the socket. */
    void send(String text) {
        synchronized (this) {
            if (ended.get() || sending == null) {
                return;
            }
            sending = sending.thenCompose(ws -> ws.sendText(text, true));
            sending.whenComplete((ws, error) -> {
                if (error != null) {
                    end("sending failed: " + error);
                }
            });
        }
    }

    /** Milliseconds since the gateway last sent anything. */
    long silentMillis() {
        return Duration.ofNanos(System.nanoTime() - lastHeardNanos).toMillis();
    }

    /** Closes the connection at once (no closing handshake: the peer may be gone) and reports it dropped. */
    void abort(String why) {
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
        end(why);
    }

    /** Closes the connection politely (the venue stops). Not reported as dropped. */
    void close() {
        if (ended.compareAndSet(false, true)) {
            WebSocket ws = webSocket;
            if (ws != null) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").whenComplete((w, e) -> ws.abort());
            }
        }
    }

    boolean ended() {
        return ended.get();
    }

    private void end(String why) {
        if (ended.compareAndSet(false, true)) {
            events.dropped(this, why);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            lastHeardNanos = System.nanoTime();
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            return received(ws, data, last);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            // The gateway sends some messages as binary frames holding JSON text.
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            return received(ws, new String(bytes, StandardCharsets.UTF_8), last);
        }

        /** Joins a message's fragments and hands the whole message on. */
        private CompletionStage<?> received(WebSocket ws, CharSequence data, boolean last) {
            lastHeardNanos = System.nanoTime();
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                events.message(IbkrSocket.this, text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            lastHeardNanos = System.nanoTime();
            ws.request(1); // the JDK answers the ping with a pong itself
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            end("closed by the gateway (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason)
                    + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            end("socket error: " + error);
        }
    }
}

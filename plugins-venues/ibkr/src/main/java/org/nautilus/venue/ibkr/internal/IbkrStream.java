package org.nautilus.venue.ibkr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.VenueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's WebSocket of an IBKR venue ({@link IbkrSocket}), opened and closed on the venue's worker: it sends the
 * session ({@code {"session":...}}) and, once the gateway confirms it ({@code sts} authenticated), subscribes to live
 * orders ({@code sor}), trades ({@code str}) and the quotes of the venue's instruments ({@code smd+CONID}). Pushed
 * orders and trades go to the venue as they arrive, on the socket's thread; quotes to {@link IbkrQuotes}. A dropped,
 * silent or unconfirmed socket is logged and reopened with a doubling back-off while the venue polls meanwhile.
 */
final class IbkrStream {

    private static final Logger LOG = LoggerFactory.getLogger(IbkrStream.class);

    /** What the stream needs of its venue. */
    interface Owner {

        /** Connected (the REST session is up) and not stopped. */
        boolean live();

        /** A pushed order state ({@code sor}). */
        void orderUpdate(JsonNode order);

        /** A pushed execution ({@code str}). */
        void trade(JsonNode trade);

        /** Reads live orders and trades once (what happened while there was no socket). */
        void pollOrdersAndTrades();
    }

    private final IbkrConfig config;
    private final VenueId venue;
    private final IbkrClient client;
    private final HttpClient http;
    /** First-party OAuth: the socket names the access token; {@code null}: the gateway's session cookie. */
    private final IbkrOAuth oauth;
    private final ScheduledExecutorService worker;
    private final IbkrQuotes quotes;
    private final IbkrQuotes.Contracts contracts;
    private final Owner owner;

    // Written by the worker thread only.
    private volatile IbkrSocket socket;
    private volatile boolean streaming;
    private boolean pending;
    private int failures;
    private long lastTicNanos;
    private long openedNanos;
    /** Conids whose quotes the current socket streams. */
    private final Set<Long> streamedQuotes = ConcurrentHashMap.newKeySet();
    private final AtomicLong pushed = new AtomicLong();

    IbkrStream(IbkrConfig config, IbkrClient client, HttpClient http, IbkrOAuth oauth,
            ScheduledExecutorService worker, IbkrQuotes quotes, IbkrQuotes.Contracts contracts, Owner owner) {
        this.config = config;
        this.venue = config.venueId();
        this.client = client;
        this.http = http;
        this.oauth = oauth;
        this.worker = worker;
        this.quotes = quotes;
        this.contracts = contracts;
        this.owner = owner;
    }

    /** Whether orders, trades and quotes are streamed now (the socket is open); otherwise they are polled. */
    boolean streaming() {
        return streaming;
    }

    /** Messages received over the socket so far. */
    long pushedMessages() {
        return pushed.get();
    }

    /** Opens the socket (worker thread), unless streaming is off, the venue is not live or a socket is on its way. */
    void open() {
        if (!config.streaming().enabled() || !owner.live() || socket != null || pending) {
            return;
        }
        String session;
        try {
            session = client.post("/tickle", null).path("session").asText("");
        } catch (IbkrException e) {
            failed("no session for the socket: " + e.getMessage());
            return;
        }
        if (session.isEmpty()) {
            failed("the gateway's /tickle gave no session value for the socket");
            return;
        }
        URI plain = config.streaming().url(config.baseUrl());
        // With OAuth the socket names the access token (there is no gateway login cookie).
        URI uri = oauth == null ? plain
                : URI.create(plain + (plain.getRawQuery() == null ? "?" : "&")
                        + "oauth_token=" + oauth.accessToken());
        pending = true;
        IbkrSocket.open(http, uri, config.timeout(), new IbkrSocket.Events() {
            @Override
            public void message(IbkrSocket from, String text) {
                pushed.incrementAndGet();
                JsonNode node;
                try {
                    node = IbkrClient.JSON.readTree(text);
                } catch (IOException | RuntimeException e) {
                    LOG.debug("IBKR venue {}: socket message that is not JSON: {}", venue, text);
                    return;
                }
                // Booked here, on the socket's thread, in the order pushed: the worker may be waiting on a request.
                try {
                    onMessage(from, node);
                } catch (RuntimeException e) {
                    LOG.error("IBKR venue {}: socket message not handled: {}", venue, text, e);
                }
            }

            @Override
            public void dropped(IbkrSocket from, String why) {
                runQuietly(() -> socketDropped(from, why));
            }
        }).whenComplete((opened, error) -> runQuietly(() -> opened(opened, error, session, uri)));
    }

    /** Closes the socket (the REST session is gone or the venue stops); it reopens with the session. */
    void close() {
        IbkrSocket open = socket;
        if (open != null) {
            socket = null;
            streaming = false;
            streamedQuotes.clear();
            open.close();
        }
    }

    private void opened(IbkrSocket opened, Throwable error, String session, URI uri) {
        pending = false;
        if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            failed("cannot open " + uri + ": " + (cause instanceof WebSocketHandshakeException refused
                    ? "the gateway answered HTTP " + refused.getResponse().statusCode() + " to the upgrade"
                    : cause.toString()));
            return;
        }
        if (!owner.live()) {
            opened.close();
            return;
        }
        socket = opened;
        openedNanos = System.nanoTime();
        // The session first: until it has it the gateway answers "waiting for session" and ignores the rest. Polling
        // goes on until the gateway confirms it ({"topic":"sts","args":{"authenticated":true}}).
        opened.send(IbkrClient.JSON.createObjectNode().put("session", session).toString());
    }

    /** The gateway accepted the socket's session: subscribe, stop polling, and reconcile what happened meanwhile. */
    private void confirmed(IbkrSocket confirmed) {
        if (socket != confirmed || streaming) {
            return;
        }
        confirmed.send("sor+{}");
        confirmed.send("str+{}");
        streamedQuotes.clear();
        config.conids().keySet().forEach(this::subscribe);
        quotes.wanted().forEach(this::subscribe);
        lastTicNanos = System.nanoTime();
        streaming = true;
        LOG.info("IBKR venue {}: streaming orders, trades and quotes from {}{}", venue,
                config.streaming().url(config.baseUrl()),
                failures == 0 ? "" : " after " + failures + " failed attempt(s)");
        failures = 0;
        // What happened while there was no socket: one poll reconciles it (each execution is booked once).
        owner.pollOrdersAndTrades();
    }

    /** Subscribes the socket to an instrument's quotes (worker thread). */
    void subscribe(InstrumentId instrument) {
        IbkrSocket open = socket;
        if (open == null) {
            return;
        }
        try {
            long conid = contracts.conid(instrument);
            if (streamedQuotes.add(conid)) {
                ObjectNode args = IbkrClient.JSON.createObjectNode();
                IbkrQuotes.QUOTE_FIELDS.forEach(args.putArray("fields")::add);
                open.send("smd+" + conid + "+" + args);
            }
        } catch (IbkrVenue.Rejection | IbkrException e) {
            LOG.warn("IBKR venue {}: no streamed quotes for {}: {}", venue, instrument, e.getMessage());
        }
    }

    private void socketDropped(IbkrSocket dropped, String why) {
        if (socket != dropped) {
            return; // an older socket, or one closed on purpose
        }
        socket = null;
        streaming = false;
        streamedQuotes.clear();
        failed("socket dropped: " + why);
    }

    /** Logs why there is no socket, and tries again after a doubling back-off while the session is up. */
    private void failed(String why) {
        if (!owner.live()) {
            return; // it reopens with the session
        }
        IbkrConfig.Streaming settings = config.streaming();
        long wait = settings.backoff().toMillis() << Math.min(failures, 16);
        wait = Math.min(wait, settings.maxBackoff().toMillis());
        failures++;
        LOG.warn("IBKR venue {}: {}; polling orders and trades every {} ms meanwhile, next try in {} ms", venue, why,
                config.pollInterval().toMillis(), wait);
        pending = true;
        try {
            worker.schedule(IbkrVenue.guard(venue, () -> {
                pending = false;
                open();
            }), wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending = false; // stopped
        }
    }

    /** Keeps the socket's session ({@code tic}), asks for an echo, and drops a socket that has gone silent. */
    void heartbeat() {
        IbkrSocket open = socket;
        if (open == null) {
            return;
        }
        long silence = config.streaming().silence().toMillis();
        if (!streaming && (System.nanoTime() - openedNanos) / 1_000_000 > silence) {
            open.abort("the gateway did not confirm the socket's session within " + silence + " ms");
            return;
        }
        long silent = open.silentMillis();
        if (silent > silence) {
            open.abort("nothing received for " + silent + " ms");
            return;
        }
        long now = System.nanoTime();
        if (now - lastTicNanos >= config.streaming().heartbeat().toNanos()) {
            lastTicNanos = now;
            open.send("tic");
            open.send("ech+hb");
        }
    }

    private void onMessage(IbkrSocket from, JsonNode message) {
        if (socket != from) {
            return;
        }
        String topic = message.path("topic").asText("");
        JsonNode args = message.path("args");
        switch (topic) {
            case "sor" -> each(args, owner::orderUpdate);
            case "str" -> each(args, owner::trade);
            case "sts" -> {
                if (args.path("authenticated").asBoolean(false)) {
                    runQuietly(() -> confirmed(from));
                } else if (args.has("authenticated")) {
                    from.abort("the gateway says the socket's session is not authenticated: " + message);
                }
            }
            default -> {
                if (topic.startsWith("smd+")) {
                    long conid = message.path("conid").asLong(0);
                    quotes.update(conid != 0 ? conid : conidOf(topic), message);
                } else if (message.hasNonNull("error")) {
                    LOG.warn("IBKR venue {}: the socket reports an error: {}", venue, message);
                } else {
                    LOG.trace("IBKR venue {}: socket message {}", venue, message);
                }
            }
        }
    }

    private static void each(JsonNode args, Consumer<JsonNode> action) {
        if (args.isArray()) {
            args.forEach(action);
        } else if (args.isObject()) {
            action.accept(args);
        }
    }

    private static long conidOf(String topic) {
        try {
            return Long.parseLong(topic.substring(4).split("[@+]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Runs on the worker unless the venue has stopped (JDK threads call this after a close). */
    private void runQuietly(Runnable task) {
        try {
            worker.execute(IbkrVenue.guard(venue, task));
        } catch (RejectedExecutionException e) {
            LOG.debug("IBKR venue {}: stopped, socket event ignored", venue);
        }
    }
}

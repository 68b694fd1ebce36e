package org.nautilus.venue.ibkr.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.VenueId;

/**
 * The IBKR venue's settings ({@code etc/nautilus.venue.ibkr.cfg}).
 *
 * @param venueId           the venue id it registers
 * @param baseUrl           the Client Portal gateway's API root, e.g. {@code https://localhost:5000/v1/api};
 *                          {@code null}: not configured (the venue is listed, DISCONNECTED)
 * @param accountId         the account orders go to; blank: the gateway's selected account
 * @param conids            IBKR contract ids by instrument; others are looked up with /iserver/secdef/search
 * @param requestsPerSecond the request budget (the gateway allows about 10 per second)
 * @param pollInterval      how often live orders and trades are read (IBKR paces these to one per 5 s)
 * @param sessionCheck      how often the session status is checked (and re-checked while disconnected)
 * @param keepalive         how often {@code /tickle} keeps the session open
 * @param confirmQuestions  answer the order confirmation questions "yes" (otherwise such an order is rejected)
 * @param trustSelfSigned   accept the gateway's self-signed TLS certificate (the local gateway ships one)
 * @param timeout           per request
 * @param retries429        how many times a 429 is retried before the request fails
 * @param backoff           the first 429 back-off (doubles per retry) when the gateway gives no Retry-After
 * @param streaming         the gateway's WebSocket ({@code /v1/api/ws}): orders, trades and quotes as they happen
 * @param oauth             first-party OAuth credentials (then {@code baseUrl} is {@code https://api.ibkr.com/v1/api});
 *                          {@code null}: the session of a local gateway someone logged in to
 */
public record IbkrConfig(VenueId venueId, URI baseUrl, String accountId, Map<InstrumentId, Long> conids,
        int requestsPerSecond, Duration pollInterval, Duration sessionCheck, Duration keepalive,
        boolean confirmQuestions, boolean trustSelfSigned, Duration timeout, int retries429,
        Duration backoff, Streaming streaming, IbkrOAuth.Credentials oauth) {

    /**
     * The WebSocket settings.
     *
     * @param enabled    open the socket; {@code false}: orders and trades are polled only
     * @param url        the socket's URL; {@code null}: the base URL with ws(s) and {@code /ws} appended
     * @param heartbeat  how often {@code tic} (keeps the session) and {@code ech+hb} (asks for an answer) are sent
     * @param silence    a socket that has received nothing for this long is dropped (the gateway sends a system
     *                   heartbeat about every 10 s)
     * @param backoff    the first wait before reconnecting a dropped socket (doubles per failed try)
     * @param maxBackoff the longest wait between tries
     */
    public record Streaming(boolean enabled, URI url, Duration heartbeat, Duration silence, Duration backoff,
            Duration maxBackoff) {

        public Streaming {
            for (Duration d : new Duration[] {heartbeat, silence, backoff, maxBackoff}) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("socket intervals must be positive, got " + d);
                }
            }
            if (maxBackoff.compareTo(backoff) < 0) {
                throw new IllegalArgumentException("socket.backoff.max.ms (" + maxBackoff.toMillis()
                        + ") must not be below socket.backoff.ms (" + backoff.toMillis() + ")");
            }
            if (url != null && !"ws".equalsIgnoreCase(url.getScheme()) && !"wss".equalsIgnoreCase(url.getScheme())) {
                throw new IllegalArgumentException("socket.url must be ws(s)://host:port/v1/api/ws, got '" + url + "'");
            }
        }

        /** On, at the URL derived from the base URL, {@code tic} every 30 s, dropped after 35 s of silence. */
        public static Streaming defaults() {
            return new Streaming(true, null, Duration.ofSeconds(30), Duration.ofSeconds(35), Duration.ofSeconds(1),
                    Duration.ofSeconds(60));
        }

        public static Streaming off() {
            Streaming d = defaults();
            return new Streaming(false, null, d.heartbeat, d.silence, d.backoff, d.maxBackoff);
        }

        /** The socket's URL for an API root: {@code https://h:p/v1/api} gives {@code wss://h:p/v1/api/ws}. */
        public URI url(URI baseUrl) {
            if (url != null) {
                return url;
            }
            String base = baseUrl.toString();
            base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            return URI.create(base.replaceFirst("(?i)^http", "ws") + "/ws");
        }
    }

    public IbkrConfig {
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(streaming, "streaming");
        conids = Map.copyOf(conids);
        accountId = accountId == null ? "" : accountId.strip();
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requests.per.second must be at least 1, got " + requestsPerSecond);
        }
        for (Duration d : new Duration[] {pollInterval, sessionCheck, keepalive, timeout, backoff}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("intervals must be positive, got " + d);
            }
        }
    }

    public boolean configured() {
        return baseUrl != null;
    }

    /** Parses {@code AAPL=265598, MSFT=272093} (blank: none). */
    public static Map<InstrumentId, Long> parseConids(String text) {
        Map<InstrumentId, Long> conids = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return conids;
        }
        for (String pair : text.split(",")) {
            String[] parts = pair.split("=");
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("conids: expected SYMBOL=CONID pairs separated by commas, got '"
                        + pair.strip() + "'");
            }
            try {
                conids.put(InstrumentId.of(parts[0].strip()), Long.parseLong(parts[1].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "conids: the conid of " + parts[0].strip() + " must be a number, got '"
                                + parts[1].strip() + "'");
            }
        }
        return conids;
    }

    /** Settings for tests and defaults: everything but the URL and account at its default. */
    public static IbkrConfig defaults(String venueId, URI baseUrl, String accountId) {
        return new IbkrConfig(VenueId.of(venueId), baseUrl, accountId, Map.of(), 10, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(60), true, true, Duration.ofSeconds(10), 3,
                Duration.ofSeconds(1), Streaming.defaults(), null);
    }

    public IbkrConfig withConids(Map<InstrumentId, Long> value) {
        return new IbkrConfig(venueId, baseUrl, accountId, value, requestsPerSecond, pollInterval, sessionCheck,
                keepalive, confirmQuestions, trustSelfSigned, timeout, retries429, backoff, streaming, oauth);
    }

    public IbkrConfig withTiming(Duration poll, Duration session, Duration backoff429) {
        return new IbkrConfig(venueId, baseUrl, accountId, conids, requestsPerSecond, poll, session, keepalive,
                confirmQuestions, trustSelfSigned, timeout, retries429, backoff429, streaming, oauth);
    }

    public IbkrConfig withConfirmQuestions(boolean value) {
        return new IbkrConfig(venueId, baseUrl, accountId, conids, requestsPerSecond, pollInterval, sessionCheck,
                keepalive, value, trustSelfSigned, timeout, retries429, backoff, streaming, oauth);
    }

    public IbkrConfig withStreaming(Streaming value) {
        return new IbkrConfig(venueId, baseUrl, accountId, conids, requestsPerSecond, pollInterval, sessionCheck,
                keepalive, confirmQuestions, trustSelfSigned, timeout, retries429, backoff, value, oauth);
    }

    public IbkrConfig withOAuth(IbkrOAuth.Credentials value) {
        return new IbkrConfig(venueId, baseUrl, accountId, conids, requestsPerSecond, pollInterval, sessionCheck,
                keepalive, confirmQuestions, trustSelfSigned, timeout, retries429, backoff, streaming, value);
    }
}

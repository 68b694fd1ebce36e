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
 */
public record IbkrConfig(VenueId venueId, URI baseUrl, String accountId, Map<InstrumentId, Long> conids,
        int requestsPerSecond, Duration pollInterval, Duration sessionCheck, Duration keepalive,
        boolean confirmQuestions, boolean trustSelfSigned, Duration timeout, int retries429,
        Duration backoff) {

    public IbkrConfig {
        Objects.requireNonNull(venueId, "venueId");
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
                Duration.ofSeconds(1));
    }

    public IbkrConfig withConids(Map<InstrumentId, Long> value) {
        return new IbkrConfig(venueId, baseUrl, accountId, value, requestsPerSecond, pollInterval, sessionCheck,
                keepalive, confirmQuestions, trustSelfSigned, timeout, retries429, backoff);
    }

    public IbkrConfig withTiming(Duration poll, Duration session, Duration backoff429) {
        return new IbkrConfig(venueId, baseUrl, accountId, conids, requestsPerSecond, poll, session, keepalive,
                confirmQuestions, trustSelfSigned, timeout, retries429, backoff429);
    }

    public IbkrConfig withConfirmQuestions(boolean value) {
        return new IbkrConfig(venueId, baseUrl, accountId, conids, requestsPerSecond, pollInterval, sessionCheck,
                keepalive, value, trustSelfSigned, timeout, retries429, backoff);
    }
}

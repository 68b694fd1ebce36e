package org.nautilus.venue.ibkr.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Client Portal Web API over HTTP(S) with the JDK's HttpClient: every request waits for the {@link Pacer}; a 429
 * (pacing violation) is retried after the gateway's {@code Retry-After} or an exponential back-off, a bounded number
 * of times, never hammering; a 401 means the brokerage session is gone. Answers are parsed with Jackson (numbers as
 * BigDecimal: prices and quantities stay exact).
 */
final class IbkrClient {

    private static final Logger LOG = LoggerFactory.getLogger(IbkrClient.class);
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final URI base;
    private final HttpClient http;
    private final Pacer pacer;
    private final Duration timeout;
    private final int maxRetries;
    private final Duration backoff;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    /** Signs every request with the live session token (OAuth); {@code null}: the local gateway's session. */
    private final IbkrOAuth oauth;

    IbkrClient(URI base, HttpClient http, Pacer pacer, Duration timeout, int maxRetries, Duration backoff) {
        this(base, http, pacer, timeout, maxRetries, backoff, null);
    }

    IbkrClient(URI base, HttpClient http, Pacer pacer, Duration timeout, int maxRetries, Duration backoff,
            IbkrOAuth oauth) {
        this.oauth = oauth;
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = http;
        this.pacer = pacer;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
    }

    JsonNode get(String path) throws IbkrException {
        return send("GET", path, null, null);
    }

    JsonNode post(String path, Object body) throws IbkrException {
        return send("POST", path, body, null);
    }

    JsonNode delete(String path) throws IbkrException {
        return send("DELETE", path, null, null);
    }

    /**
     * Opens an OAuth session: asks {@code /oauth/live_session_token} (signed with the RSA key) for a live session
     * token, then the brokerage session ({@code /iserver/auth/ssodh/init}) with requests signed by that token.
     */
    void openOAuthSession() throws IbkrException {
        String path = "/oauth/live_session_token";
        IbkrOAuth.TokenRequest request = oauth.tokenRequest(URI.create(base + path));
        oauth.accept(send("POST", path, null, request.authorization()), request.dhRandom());
        LOG.info("IBKR OAuth: live session token obtained; opening the brokerage session");
        post("/iserver/auth/ssodh/init", JSON.createObjectNode().put("publish", true).put("compete", true));
    }

    /** The URL under the API root (for the WebSocket, which is not signed per request). */
    URI uri(String path) {
        return URI.create(base + path);
    }

    /** Requests sent so far (retries included). */
    long requests() {
        return requests.get();
    }

    /** 429 answers received so far. */
    long throttled() {
        return throttled.get();
    }

    private JsonNode send(String method, String path, Object body, String authorization) throws IbkrException {
        URI uri;
        String json;
        try {
            uri = URI.create(base + path);
            json = body == null ? null : JSON.writeValueAsString(body);
        } catch (IOException | IllegalArgumentException e) {
            throw new IbkrException(method + " " + path + ": bad request: " + e.getMessage(), e);
        }
        for (int attempt = 0;; attempt++) {
            HttpResponse<String> response;
            try {
                pacer.acquire();
                // Built per attempt: an OAuth signature carries a fresh nonce and timestamp.
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                        .header("Content-Type", "application/json").header("User-Agent", "nautilus-ibkr")
                        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json));
                if (authorization != null) {
                    request.header("Authorization", authorization);
                } else if (oauth != null) {
                    if (!oauth.hasToken()) {
                        throw new IbkrException(401, method + " " + path + ": no OAuth live session token yet");
                    }
                    request.header("Authorization", oauth.authorization(method, uri));
                }
                requests.incrementAndGet();
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IbkrException(method + " " + path + ": no answer from the gateway at " + base + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IbkrException(method + " " + path + ": interrupted", e);
            }
            int status = response.statusCode();
            if (status == 429) {
                throttled.incrementAndGet();
                if (attempt >= maxRetries) {
                    throw new IbkrException(429, method + " " + path + ": pacing limit (429) after " + (attempt + 1)
                            + " attempts");
                }
                Duration wait = retryAfter(response).orElse(backoff.multipliedBy(1L << attempt));
                LOG.warn("IBKR {} {}: 429 pacing limit; backing off {} ms (attempt {} of {})", method, path,
                        wait.toMillis(), attempt + 1, maxRetries + 1);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IbkrException(method + " " + path + ": interrupted", e);
                }
                continue;
            }
            if (status == 401) {
                if (oauth != null) {
                    oauth.forget(); // the token is no longer accepted: the next session check asks for a new one
                    throw new IbkrException(401, method + " " + path + ": 401 not authenticated: the OAuth live"
                            + " session token was refused: " + abbreviate(response.body()));
                }
                throw new IbkrException(401, method + " " + path
                        + ": 401 not authenticated: log in to the Client Portal gateway again");
            }
            if (status >= 400) {
                throw new IbkrException(status,
                        method + " " + path + ": HTTP " + status + ": " + abbreviate(response.body()));
            }
            try {
                String text = response.body();
                return text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
            } catch (IOException e) {
                throw new IbkrException(status, method + " " + path + ": malformed JSON from the gateway: "
                        + abbreviate(response.body()));
            }
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v.strip())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}

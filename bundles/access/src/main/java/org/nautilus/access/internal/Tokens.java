package org.nautilus.access.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens: {@code v1.<payload>.<signature>}, the payload {@code user\nrole,role\nexpiry-epoch-seconds} and the
 * signature its HMAC-SHA256 under the node's secret, both base64url without padding. Stateless (no token store): a
 * node verifies any token signed with its secret until it expires; changing the secret revokes every token. The
 * roles are the user's at issue time, so a role removed from a user takes effect when the token expires.
 */
final class Tokens {

    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a presented token turned out to be. */
    sealed interface Verdict permits Valid, Refused {
    }

    record Valid(Identity identity, Instant expiresAt) implements Verdict {
    }

    /** @param reason why, in words a client can act on ({@code token expired at ...: ask for a new one}) */
    record Refused(String reason) implements Verdict {
    }

    private final byte[] secret;
    private final Duration lifetime;
    private final Clock clock;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    /**
     * Tokens whose signature checked out, by their exact text: a client sends the same token with every order, so
     * each is decoded and signed once, then only its expiry is compared. Bounded (emptied when full): a flood of
     * distinct valid tokens costs a signature each, never memory. Refused tokens are never kept.
     */
    private final ConcurrentHashMap<String, Valid> verified = new ConcurrentHashMap<>();

    Tokens(byte[] secret, Duration lifetime, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the token secret needs at least 32 bytes, got " + secret.length);
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive, got " + lifetime);
        }
        this.secret = secret.clone();
        this.lifetime = lifetime;
        this.clock = clock;
        newMac();
    }

    /** A token for {@code identity}, valid for the configured lifetime from now. */
    Valid issue(Identity identity) {
        Instant expires = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        return new Valid(identity, expires);
    }

    /** The token text of an issued token. */
    String encode(Valid token) {
        String payload = token.identity().user() + "\n" + String.join(",", token.identity().roles()) + "\n"
                + token.expiresAt().getEpochSecond();
        String body = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return VERSION + "." + body + "." + ENCODER.encodeToString(sign(VERSION + "." + body));
    }

    /** The most verified tokens kept (one per logged-in client, a few per user). */
    static final int VERIFIED_CACHE = 4096;

    Verdict verify(String token) {
        Valid known = verified.get(token);
        if (known != null) {
            return clock.instant().isBefore(known.expiresAt()) ? known : expired(known.expiresAt());
        }
        Verdict verdict = check(token);
        if (verdict instanceof Valid valid) {
            if (verified.size() >= VERIFIED_CACHE) {
                verified.clear();
            }
            verified.put(token, valid);
        }
        return verdict;
    }

    private static Refused expired(Instant expires) {
        return new Refused("bearer token expired at " + expires + ": ask for a new one (POST /api/v1/tokens)");
    }

    private Verdict check(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return new Refused("malformed bearer token: expected v1.<payload>.<signature> from POST /api/v1/tokens");
        }
        byte[] presented;
        String payload;
        try {
            presented = DECODER.decode(parts[2]);
            payload = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Refused("malformed bearer token: not base64url");
        }
        if (!MessageDigest.isEqual(presented, sign(parts[0] + "." + parts[1]))) {
            return new Refused("bearer token signature does not match (issued by another secret, or altered)");
        }
        String[] fields = payload.split("\n", -1);
        if (fields.length != 3) {
            return new Refused("malformed bearer token payload");
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(fields[2]));
        } catch (NumberFormatException e) {
            return new Refused("malformed bearer token expiry");
        }
        if (!clock.instant().isBefore(expires)) {
            return expired(expires);
        }
        Set<String> roles = fields[1].isEmpty() ? Set.of() : new LinkedHashSet<>(List.of(fields[1].split(",")));
        return new Valid(new Identity(fields[0], roles), expires);
    }

    private byte[] sign(String text) {
        return macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A keyed HMAC per thread: {@code Mac.getInstance} and {@code init} per request (a provider search and a key
     * schedule) cost more than the signature itself, on every authenticated request.
     */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}

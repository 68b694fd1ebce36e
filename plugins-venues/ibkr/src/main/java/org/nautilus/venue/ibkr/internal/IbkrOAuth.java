package org.nautilus.venue.ibkr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * IBKR's first-party OAuth 1.0a for the Web API ({@code https://api.ibkr.com/v1/api} instead of a local gateway
 * someone logged in to), as IBKR's "OAuth 1.0a Extended" reference describes it:
 * <ol>
 * <li>the access token secret (given encrypted in the self-service portal) is decrypted with the private encryption
 * key (RSA, PKCS#1 v1.5): its hex is the <em>prepend</em>;</li>
 * <li>{@code POST /oauth/live_session_token} carries a Diffie-Hellman challenge {@code g^a mod p} and is signed
 * RSA-SHA256 with the private signature key over {@code prepend + base string};</li>
 * <li>the answer's {@code diffie_hellman_response} B gives K = B^a mod p; the live session token is
 * HMAC-SHA1(key: K as a two's-complement big-endian byte array, data: the prepend's bytes), checked against the
 * answer's {@code live_session_token_signature} = hex HMAC-SHA1(key: the token, data: the consumer key);</li>
 * <li>every later request is signed HMAC-SHA256 with the token over its base string.</li>
 * </ol>
 * The base string is {@code METHOD&quote(url)&quote(k=v&...)} with the OAuth and query parameters sorted by name and
 * {@code quote} percent-encoding all but letters, digits and {@code _.-~} (space as {@code +}), as the published
 * client code does. Once a token is held the brokerage session is opened with {@code /iserver/auth/ssodh/init}.
 */
final class IbkrOAuth {

    /** Renew the token this long before IBKR's expiry. */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    /**
     * The first-party credentials from IBKR's self-service portal.
     *
     * @param consumerKey       the consumer key (nine characters)
     * @param accessToken       the access token
     * @param accessTokenSecret the access token secret, base64 of its RSA encryption with the public encryption key
     * @param signatureKey      the private signature key
     * @param encryptionKey     the private encryption key
     * @param dhPrime           the Diffie-Hellman prime uploaded with the keys
     * @param dhGenerator       the Diffie-Hellman generator (2)
     * @param realm             {@code limited_poa} ({@code test_realm} for IBKR's TESTCONS consumer)
     */
    record Credentials(String consumerKey, String accessToken, String accessTokenSecret, PrivateKey signatureKey,
            PrivateKey encryptionKey, BigInteger dhPrime, BigInteger dhGenerator, String realm) {

        Credentials {
            for (Object o : new Object[] {consumerKey, accessToken, accessTokenSecret, signatureKey, encryptionKey,
                    dhPrime, dhGenerator, realm}) {
                Objects.requireNonNull(o, "OAuth credentials must be complete");
            }
            if (consumerKey.isBlank() || accessToken.isBlank() || accessTokenSecret.isBlank()) {
                throw new IllegalArgumentException(
                        "oauth.consumer.key, oauth.access.token and oauth.access.token.secret must all be set");
            }
            if (dhPrime.bitLength() < 512 || !dhPrime.testBit(0)) {
                throw new IllegalArgumentException("oauth.dh.prime must be the (odd, large) Diffie-Hellman prime in"
                        + " hex, got " + dhPrime.bitLength() + " bits");
            }
        }
    }

    /** The request for a live session token: its Authorization header and the secret exponent it used. */
    record TokenRequest(String authorization, BigInteger dhRandom) {
    }

    private final Credentials credentials;
    private final String prepend;
    private final Clock clock;
    private final SecureRandom random;
    private volatile byte[] liveSessionToken;
    private volatile Instant expires = Instant.MIN;

    IbkrOAuth(Credentials credentials, Clock clock, SecureRandom random) {
        this.credentials = credentials;
        this.clock = clock;
        this.random = random;
        try {
            this.prepend = prepend(credentials.accessTokenSecret(), credentials.encryptionKey());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("oauth.access.token.secret cannot be decrypted with the encryption key"
                    + " (is it the base64 value from the self-service portal, and the matching key?): " + e, e);
        }
    }

    String accessToken() {
        return credentials.accessToken();
    }

    /** Whether a live session token is held and not about to expire. */
    boolean hasToken() {
        return liveSessionToken != null && clock.instant().isBefore(expires.minus(RENEW_BEFORE));
    }

    /** Drops the token (a 401: it is no longer accepted). */
    void forget() {
        liveSessionToken = null;
    }

    /** The signed {@code POST /oauth/live_session_token} request for this URL. */
    TokenRequest tokenRequest(URI url) {
        BigInteger a = new BigInteger(256, random);
        Map<String, String> params = oauthParameters("RSA-SHA256");
        params.put("diffie_hellman_challenge", credentials.dhGenerator().modPow(a, credentials.dhPrime()).toString(16));
        String base = prepend + baseString("POST", url, params);
        params.put("oauth_signature", quotePlus(rsaSha256(credentials.signatureKey(), base)));
        return new TokenRequest(header(params), a);
    }

    /** Takes the live session token from IBKR's answer to {@link #tokenRequest}, after checking its signature. */
    void accept(JsonNode answer, BigInteger dhRandom) throws IbkrException {
        String response = answer.path("diffie_hellman_response").asText("");
        String signature = answer.path("live_session_token_signature").asText("");
        long expiration = answer.path("live_session_token_expiration").asLong(0);
        if (response.isEmpty() || signature.isEmpty()) {
            throw new IbkrException(0, "the live session token answer lacks diffie_hellman_response or"
                    + " live_session_token_signature: " + answer);
        }
        byte[] token;
        try {
            token = liveSessionToken(new BigInteger(response, 16), dhRandom, credentials.dhPrime(), prepend);
        } catch (NumberFormatException e) {
            throw new IbkrException(0, "diffie_hellman_response is not hex: " + response);
        }
        if (!signature.equalsIgnoreCase(tokenSignature(token, credentials.consumerKey()))) {
            throw new IbkrException(0, "the live session token does not match IBKR's signature: check the consumer"
                    + " key, the access token secret, the encryption key and the Diffie-Hellman prime");
        }
        liveSessionToken = token;
        expires = expiration > 0 ? Instant.ofEpochMilli(expiration) : clock.instant().plus(Duration.ofHours(24));
    }

    /** The Authorization header of a request signed with the live session token (HMAC-SHA256). */
    String authorization(String method, URI uri) {
        byte[] token = liveSessionToken;
        if (token == null) {
            throw new IllegalStateException("no live session token yet");
        }
        Map<String, String> params = oauthParameters("HMAC-SHA256");
        params.put("oauth_signature", quotePlus(hmacSha256(token, baseString(method, uri, params))));
        return header(params);
    }

    private Map<String, String> oauthParameters(String signatureMethod) {
        Map<String, String> params = new TreeMap<>();
        params.put("oauth_consumer_key", credentials.consumerKey());
        params.put("oauth_nonce", new BigInteger(80, random).toString(36));
        params.put("oauth_signature_method", signatureMethod);
        params.put("oauth_timestamp", Long.toString(clock.instant().getEpochSecond()));
        params.put("oauth_token", credentials.accessToken());
        return params;
    }

    private String header(Map<String, String> params) {
        StringBuilder header = new StringBuilder("OAuth realm=\"").append(credentials.realm()).append('"');
        new TreeMap<>(params).forEach((k, v) -> header.append(", ").append(k).append("=\"").append(v).append('"'));
        return header.toString();
    }

    // ------------------------------------------------------------------ the algorithm (package-private: tested)

    /** Hex of the access token secret decrypted with the private encryption key (RSA PKCS#1 v1.5). */
    static String prepend(String accessTokenSecret, PrivateKey encryptionKey) throws GeneralSecurityException {
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, encryptionKey);
        return HexFormat.of().formatHex(rsa.doFinal(Base64.getDecoder().decode(accessTokenSecret.strip())));
    }

    /**
     * {@code METHOD&quote(url without query)&quote(sorted k=v pairs joined by &)}: the OAuth parameters and the
     * query's (decoded) parameters.
     */
    static String baseString(String method, URI uri, Map<String, String> oauthParameters) {
        Map<String, String> all = new TreeMap<>(oauthParameters);
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                all.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        StringBuilder pairs = new StringBuilder();
        all.forEach((k, v) -> pairs.append(pairs.length() == 0 ? "" : "&").append(k).append('=').append(v));
        String url = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? ""
                : uri.getRawPath());
        return method + "&" + quotePlus(url) + "&" + quotePlus(pairs.toString());
    }

    /** Percent-encodes all but ASCII letters, digits and {@code _.-~}; a space becomes {@code +}. */
    static String quotePlus(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '-' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /**
     * The live session token: HMAC-SHA1 keyed with K = response^random mod prime (big-endian two's complement, as
     * {@link BigInteger#toByteArray()}: a leading zero byte when the top bit is set) over the prepend's bytes.
     */
    static byte[] liveSessionToken(BigInteger dhResponse, BigInteger dhRandom, BigInteger prime, String prepend) {
        byte[] k = dhResponse.modPow(dhRandom, prime).toByteArray();
        return hmac("HmacSHA1", k, HexFormat.of().parseHex(prepend));
    }

    /** What IBKR signs a live session token with: hex HMAC-SHA1(key: the token, data: the consumer key). */
    static String tokenSignature(byte[] liveSessionToken, String consumerKey) {
        return HexFormat.of().formatHex(hmac("HmacSHA1", liveSessionToken,
                consumerKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** Base64 of the RSA-SHA256 (PKCS#1 v1.5) signature of the base string. */
    static String rsaSha256(PrivateKey signatureKey, String baseString) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(signatureKey);
            rsa.update(baseString.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the OAuth signature key: " + e, e);
        }
    }

    /** Base64 of HMAC-SHA256(key: the live session token, data: the base string). */
    static String hmacSha256(byte[] liveSessionToken, String baseString) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA256", liveSessionToken,
                baseString.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available: " + e, e);
        }
    }

    /** Reads an RSA private key from a PEM file in PKCS#8 form ({@code BEGIN PRIVATE KEY}). */
    static PrivateKey readPrivateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the OAuth key " + file + ": " + e.getMessage(), e);
        }
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException(file + " is a PKCS#1 key: convert it with 'openssl pkcs8 -topk8"
                    + " -nocrypt -in " + file.getFileName() + " -out key.pk8.pem' and name that file");
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        String body = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not an RSA private key: " + e.getMessage(), e);
        }
    }
}

package org.nautilus.venue.ibkr.internal;

import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBKR's side of first-party OAuth, as a WireMock request filter in front of {@link GatewayFake}'s stubs: it answers
 * {@code /oauth/live_session_token} after checking the RSA-SHA256 signature with the consumer's public signature key,
 * doing its own half of the Diffie-Hellman exchange (B = g^b, K = A^b) and signing the token it derives; every other
 * request must carry a valid HMAC-SHA256 signature made with that token, else it is answered 401. {@link #expire()}
 * forgets the token, as IBKR does when it expires.
 */
final class OAuthServer implements RequestFilterV2 {

    private static final Pattern PARAM = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

    private final IbkrOAuth.Credentials credentials;
    /** The access token secret in clear, as IBKR knows it. */
    private final String prepend;
    private final BigInteger secret;
    private final PublicKey signatureKey;
    private volatile byte[] token;
    final AtomicInteger tokensIssued = new AtomicInteger();
    final AtomicInteger verified = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();

    OAuthServer(IbkrOAuth.Credentials credentials, String prepend, BigInteger secret) throws GeneralSecurityException {
        this.credentials = credentials;
        this.prepend = prepend;
        this.secret = secret;
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) credentials.signatureKey();
        this.signatureKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(),
                key.getPublicExponent()));
    }

    void expire() {
        token = null;
    }

    @Override
    public String getName() {
        return "ibkr-oauth";
    }

    @Override
    public boolean applyToAdmin() {
        return false;
    }

    @Override
    public boolean applyToStubs() {
        return true;
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        Map<String, String> params = parse(request.getHeader("Authorization"));
        URI uri = URI.create(request.getAbsoluteUrl());
        String method = request.getMethod().getName();
        if (!credentials.consumerKey().equals(params.get("oauth_consumer_key"))
                || !credentials.accessToken().equals(params.get("oauth_token"))
                || !credentials.realm().equals(params.get("realm"))) {
            return refuse("unknown consumer, token or realm: " + params);
        }
        String signature = URLDecoder.decode(params.remove("oauth_signature"), StandardCharsets.UTF_8);
        params.remove("realm");
        if (uri.getPath().endsWith("/oauth/live_session_token")) {
            try {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initVerify(signatureKey);
                rsa.update((prepend + IbkrOAuth.baseString(method, uri, params)).getBytes(StandardCharsets.UTF_8));
                if (!"RSA-SHA256".equals(params.get("oauth_signature_method"))
                        || !rsa.verify(Base64.getDecoder().decode(signature))) {
                    return refuse("bad RSA signature");
                }
            } catch (GeneralSecurityException e) {
                return refuse(e.toString());
            }
            BigInteger challenge = new BigInteger(params.get("diffie_hellman_challenge"), 16);
            byte[] issued = IbkrOAuth.liveSessionToken(challenge, secret, credentials.dhPrime(), prepend);
            token = issued;
            tokensIssued.incrementAndGet();
            return RequestFilterAction.stopWith(ResponseDefinition.okForJson(Map.of("diffie_hellman_response",
                    credentials.dhGenerator().modPow(secret, credentials.dhPrime()).toString(16),
                    "live_session_token_signature", IbkrOAuth.tokenSignature(issued, credentials.consumerKey()),
                    "live_session_token_expiration", System.currentTimeMillis() + 86_400_000L)));
        }
        byte[] current = token;
        if (current == null || !"HMAC-SHA256".equals(params.get("oauth_signature_method"))
                || !IbkrOAuth.hmacSha256(current, IbkrOAuth.baseString(method, uri, params)).equals(signature)) {
            return refuse("no token, or a bad HMAC-SHA256 signature on " + method + " " + uri);
        }
        verified.incrementAndGet();
        return RequestFilterAction.continueWith(request);
    }

    private RequestFilterAction refuse(String why) {
        refused.incrementAndGet();
        return RequestFilterAction.stopWith(new ResponseDefinition(401, "{\"error\":\"" + why.replace('"', '\'')
                + "\"}"));
    }

    private static Map<String, String> parse(String header) {
        Map<String, String> params = new TreeMap<>();
        if (header == null || !header.startsWith("OAuth ")) {
            return params;
        }
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        return params;
    }
}

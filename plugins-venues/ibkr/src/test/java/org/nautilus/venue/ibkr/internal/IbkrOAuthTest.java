package org.nautilus.venue.ibkr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * IBKR's first-party OAuth 1.0a against values computed independently: {@code src/test/resources/oauth/oracle.py}
 * (Python's standard library, following IBKR's reference and its published client code) for the Diffie-Hellman
 * exchange, the live session token, its signature, a request's base string and its HMAC-SHA256 signature; OpenSSL for
 * the RSA parts ({@code openssl pkeyutl -encrypt} made the access token secret from the prepend,
 * {@code openssl dgst -sha256 -sign} signed the base string). The keys in {@code oauth/} are test keys made for this.
 */
class IbkrOAuthTest {

    static final Path KEYS = Path.of("src/test/resources/oauth");
    static final BigInteger A = new BigInteger("6b1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddeeff", 16);
    static final BigInteger B = new BigInteger("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", 16);
    static final String PREPEND = "a3f5c2d19e8b7a60514f2e3d4c5b6a79";

    static BigInteger prime() throws IOException {
        return new BigInteger(Files.readString(KEYS.resolve("dh-prime.hex")).strip(), 16);
    }

    @Test
    void the_access_token_secret_decrypts_to_the_prepend() throws Exception {
        PrivateKey encryption = IbkrOAuth.readPrivateKey(KEYS.resolve("encryption.pem"));
        String secret = Files.readString(KEYS.resolve("access-token-secret.b64"));

        assertThat(IbkrOAuth.prepend(secret, encryption)).isEqualTo(PREPEND);
    }

    @Test
    void the_diffie_hellman_exchange_gives_the_live_session_token_and_its_signature_the_oracle_computed()
            throws IOException {
        BigInteger prime = prime();
        BigInteger two = BigInteger.TWO;
        assertThat(two.modPow(A, prime).toString(16)).isEqualTo(
                "91c44702734c2944f5b0c27b89416d06470b99c4cd0361e67afddcdcf196b6315817a5629d7e4ddcd9c9ed2d1c"
                        + "4ffe507e4a0606abf9d9ab7cf85b1010e7856144dada7de51891fd59c22342a84a32e06e6830cdb18380eaf17a"
                        + "4cb64308b1f44ffdb57ac005380fe413db3499b4515fb4f0734901b04a23fb7c0dd52067d9eb");
        BigInteger response = new BigInteger(
                "15bff93e255373b97e2de8fbe8e3fb3a89d934b6c1ad4e17eddf1fba047bb92c2f01d55c1b806894e53caf5e15"
                        + "a9a7580d50b43178a246fa91efe1860367cbbc844d1deb694cc45318128b20a46f177da79987f13c333d09b909"
                        + "604051cfa3a0fce6b8395c446e012b36c563f160b2710c5ebc3621ee48453c15c897a997bf1a",
                16);
        assertThat(two.modPow(B, prime)).isEqualTo(response);

        byte[] token = IbkrOAuth.liveSessionToken(response, A, prime, PREPEND);

        assertThat(Base64.getEncoder().encodeToString(token)).isEqualTo("/kEo2zVtY7W3hexhaEwrsp/VSe0=");
        assertThat(IbkrOAuth.tokenSignature(token, "TESTCONS1")).isEqualTo("b682c03ba6a229c64c06262a841a49b30ba1ea5f");
    }

    @Test
    void a_request_is_signed_over_its_base_string_with_the_query_parameters_sorted_in() {
        Map<String, String> oauth = new TreeMap<>(Map.of("oauth_consumer_key", "TESTCONS1", "oauth_nonce", "n0nce1234",
                "oauth_signature_method", "HMAC-SHA256", "oauth_timestamp", "1733063400", "oauth_token",
                "abc123token"));
        URI uri = URI
                .create("https://api.ibkr.com/v1/api/iserver/marketdata/snapshot?conids=265598,272093&fields=84,86");

        String base = IbkrOAuth.baseString("GET", uri, oauth);

        assertThat(base)
                .isEqualTo("GET&https%3A%2F%2Fapi.ibkr.com%2Fv1%2Fapi%2Fiserver%2Fmarketdata%2Fsnapshot&conids%3D26559"
                        + "8%2C272093%26fields%3D84%2C86%26oauth_consumer_key%3DTESTCONS1%26oauth_nonce%3Dn0nce1234%2"
                        + "6oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1733063400%26oauth_token%3Dabc12"
                        + "3token");
        assertThat(IbkrOAuth.hmacSha256(Base64.getDecoder().decode("/kEo2zVtY7W3hexhaEwrsp/VSe0="), base))
                .isEqualTo("EJQg0RJEVK0MUj76VBFIcfMPPOqQeIqpB1pMJAddckU=");
    }

    @Test
    void the_token_request_is_signed_RSA_SHA256_as_openssl_signs_it() throws Exception {
        PrivateKey signature = IbkrOAuth.readPrivateKey(KEYS.resolve("signature.pem"));
        String base = "GET&https%3A%2F%2Fapi.ibkr.com%2Fv1%2Fapi%2Fiserver%2Fmarketdata%2Fsnapshot&conids%3D26559"
                + "8%2C272093%26fields%3D84%2C86%26oauth_consumer_key%3DTESTCONS1%26oauth_nonce%3Dn0nce1234%2"
                + "6oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1733063400%26oauth_token%3Dabc12"
                + "3token";

        assertThat(IbkrOAuth.rsaSha256(signature, base)).isEqualTo(
                "gctoJSKbZBn1RR7OiLbQcMysXIqXyNl8h4m149tZoit7vbXWJ7zg9oQmDC3oC4iDBSwrazvkLInQfSX/sQVbCmGaDS"
                        + "uzsmMuvwbVQ4rcOFU2wCBRcEELS9bhcG3WYNo5SlYMnreozQ/YjoBbVq35rZvT5EYFTrBagM/GlIk8+4+xyc4J8C8R"
                        + "uLueYozihZWjRaQNWcO1cH+jUcu3HfQRzkbhMlBUyQtKtEudwSgIisxre4wrrQEfgshdwsJJ9WPUwt7CEZDSYpPr1g"
                        + "RoWjJe6rBGeUIKa6QJWKIEqkIU+2GMSTWEyCfiuy2TQjRKObfPa1IMn/VZARYIs1wOl2bbew==");
    }

    @Test
    void percent_encoding_is_pythons_quote_plus() {
        assertThat(IbkrOAuth.quotePlus("a b~c*d/e=f&g_h.i-j+k")).isEqualTo("a+b~c%2Ad%2Fe%3Df%26g_h.i-j%2Bk");
    }

    @Test
    void bad_credentials_are_refused_with_what_to_do() throws IOException {
        Path pkcs1 = Files.createTempFile("pkcs1", ".pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> IbkrOAuth.readPrivateKey(pkcs1)).hasMessageContaining("openssl pkcs8 -topk8");
        Files.delete(pkcs1);
        PrivateKey key = IbkrOAuth.readPrivateKey(KEYS.resolve("signature.pem"));
        assertThatThrownBy(() -> new IbkrOAuth.Credentials("TESTCONS1", "token", "c2VjcmV0", key, key,
                BigInteger.valueOf(23), BigInteger.TWO, "limited_poa")).hasMessageContaining("oauth.dh.prime");
    }
}

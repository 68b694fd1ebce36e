package org.nautilus.venue.ibkr.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.venue.ibkr.internal.GatewayFake.API;
import static org.nautilus.venue.ibkr.internal.IbkrOAuthTest.KEYS;
import static org.nautilus.venue.ibkr.internal.IbkrOAuthTest.PREPEND;
import static org.nautilus.venue.ibkr.internal.IbkrVenueTest.await;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.ExecType;
import org.nautilus.venue.ibkr.internal.IbkrVenueTest.Connection;
import org.nautilus.venue.ibkr.internal.IbkrVenueTest.Reports;

/**
 * The IBKR venue with first-party OAuth against {@link OAuthServer} (IBKR's side of the exchange in front of the
 * WireMock gateway): the live session token is negotiated, every request is signed with it (the server refuses a bad
 * signature with 401), the brokerage session is opened, the socket names the access token, and an expired token is
 * renewed after the 401 that says so.
 */
class IbkrOAuthSessionTest {

    private static final BigInteger SERVER_SECRET = new BigInteger("2b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da5"
            + "6a784d9045190cfe", 16);

    private final SocketFake socket;
    private IbkrOAuth.Credentials credentials;
    private OAuthServer server;
    private GatewayFake gateway;
    private IbkrVenue venue;
    private final Connection connection = new Connection();

    IbkrOAuthSessionTest() throws IOException {
        socket = new SocketFake();
    }

    @AfterEach
    void stop() throws IOException {
        if (venue != null) {
            venue.close();
        }
        socket.close();
        if (gateway != null) {
            gateway.close();
        }
    }

    /** Starts the venue against an IBKR that holds the same credentials, but the Diffie-Hellman prime given. */
    private void start(BigInteger serverPrime) throws Exception {
        credentials = new IbkrOAuth.Credentials("TESTCONS1", "abc123token", Files.readString(KEYS.resolve(
                "access-token-secret.b64")), IbkrOAuth.readPrivateKey(KEYS.resolve("signature.pem")),
                IbkrOAuth.readPrivateKey(KEYS.resolve("encryption.pem")), IbkrOAuthTest.prime(), BigInteger.TWO,
                "test_realm");
        IbkrOAuth.Credentials c = credentials;
        server = new OAuthServer(new IbkrOAuth.Credentials(c.consumerKey(), c.accessToken(), c.accessTokenSecret(),
                c.signatureKey(), c.encryptionKey(), serverPrime, c.dhGenerator(), c.realm()), PREPEND, SERVER_SECRET);
        gateway = new GatewayFake(server);
        gateway.server.stubFor(post(urlEqualTo(API + "/iserver/auth/ssodh/init")).willReturn(okJson(
                "{\"authenticated\":true,\"competing\":false,\"connected\":true,\"message\":\"\"}")));
        venue = new IbkrVenue(IbkrConfig.defaults("IBKR", gateway.baseUrl(), "")
                .withTiming(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(50))
                .withStreaming(new IbkrConfig.Streaming(true, socket.url(), Duration.ofMillis(100),
                        Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(400)))
                .withOAuth(credentials), Clock.systemUTC());
        venue.connectionListener(connection);
    }

    @Test
    void the_live_session_token_is_negotiated_every_request_is_signed_with_it_and_an_expired_one_is_renewed()
            throws Exception {
        start(IbkrOAuthTest.prime());
        await("connected", venue::connected);
        assertThat(server.tokensIssued.get()).isEqualTo(1);
        gateway.server.verify(postRequestedFor(urlEqualTo(API + "/iserver/auth/ssodh/init")));
        assertThat(server.refused.get()).as("every request carried a valid signature").isZero();
        assertThat(venue.description()).contains("(OAuth)");
        await("streaming", venue::streaming);
        assertThat(socket.handshakes.get(0).get(":query")).isEqualTo("oauth_token=abc123token");

        gateway.place("1234567801");
        Reports reports = new Reports();
        venue.submit(order(21), reports);
        await("ACCEPTED over a signed POST", () -> reports.types().contains(ExecType.ACCEPTED));
        assertThat(server.refused.get()).isZero();
        int verified = server.verified.get();
        assertThat(verified).as("status, accounts, tickle, init, the order").isGreaterThanOrEqualTo(5);

        server.expire();
        await("disconnected by the 401", () -> !venue.connected());
        assertThat(venue.reason()).contains("401").contains("OAuth");
        await("a new token and connected again", () -> venue.connected() && server.tokensIssued.get() == 2);
        assertThat(connection.events).first().isEqualTo("connected IBKR");
        assertThat(connection.events).last().isEqualTo("connected IBKR");
    }

    @Test
    void a_token_that_does_not_match_ibkrs_signature_is_refused_and_the_venue_stays_disconnected_with_the_reason()
            throws Exception {
        start(IbkrOAuthTest.prime().add(BigInteger.TWO)); // IBKR was given another Diffie-Hellman prime than ours

        await("refused", () -> venue.reason() != null && venue.reason().contains("does not match"));
        assertThat(venue.connected()).isFalse();
        assertThat(venue.reason()).contains("Diffie-Hellman prime");
        assertThat(server.verified.get()).as("nothing sent with a token IBKR did not issue").isZero();
    }

    private static Order order(long id) {
        OrderRequest request = new OrderRequest(ClientOrderId.of("c" + id), PortfolioId.of("P1"),
                InstrumentId.of("AAPL"), Side.BUY, OrderType.LIMIT, Quantity.ofWhole(1), Price.of("190.00"), null,
                TimeInForce.GTC, null, VenueId.of("IBKR"), false, false);
        Instant t0 = Instant.parse("2024-12-01T14:00:00Z");
        return new Order(OrderId.of(id), request, OrderStatus.SUBMITTED, Quantity.ZERO, null, null, null, t0, t0);
    }
}

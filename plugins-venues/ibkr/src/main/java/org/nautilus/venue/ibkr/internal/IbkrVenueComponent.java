package org.nautilus.venue.ibkr.internal;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.venue.Venue;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSGi face of an {@link IbkrVenue}, configured by {@code etc/nautilus.venue.ibkr.cfg}. Without a configuration
 * (the jar just dropped into {@code deploy/}) it registers anyway, as venue {@code IBKR}, DISCONNECTED until
 * {@code base.url} is set. A configuration change restarts the venue (DS re-activation); the OMS keeps the orders.
 * The {@link IbkrVenue} itself is the registered {@link Venue} service.
 */
@Component(service = {}, configurationPid = IbkrVenueComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = IbkrVenueComponent.Config.class)
public final class IbkrVenueComponent {

    public static final String PID = "nautilus.venue.ibkr";

    private static final Logger LOG = LoggerFactory.getLogger(IbkrVenueComponent.class);

    @ObjectClassDefinition(name = "Nautilus Interactive Brokers venue", description = "Interactive Brokers through the Client Portal Web API of a local gateway")
    public @interface Config {

        @AttributeDefinition(name = "Venue id", description = "The venue.id this venue registers")
        String venue_id() default "IBKR";

        @AttributeDefinition(name = "Gateway URL", description = "The API root, e.g. https://localhost:5000/v1/api;"
                + " empty: not configured (the venue stays DISCONNECTED)", required = false)
        String base_url() default "";

        @AttributeDefinition(name = "Account", description = "The IBKR account id; empty: the gateway's selected account", required = false)
        String account_id() default "";

        @AttributeDefinition(name = "Contract ids", description = "SYMBOL=CONID pairs, e.g. AAPL=265598; other"
                + " symbols are looked up with /iserver/secdef/search", required = false)
        String conids() default "";

        @AttributeDefinition(name = "Requests per second", description = "The request budget (pacing)")
        int requests_per_second() default 10;

        @AttributeDefinition(name = "Poll interval (ms)", description = "How often live orders and trades are read")
        long poll_interval_ms() default 5000;

        @AttributeDefinition(name = "Session check (ms)", description = "How often the session status is checked")
        long session_check_ms() default 5000;

        @AttributeDefinition(name = "Keep-alive (s)", description = "How often /tickle keeps the session open")
        long keepalive_s() default 60;

        @AttributeDefinition(name = "Confirm questions", description = "Answer IBKR's order confirmation questions yes")
        boolean confirm_questions() default true;

        @AttributeDefinition(name = "Trust the gateway's self-signed certificate")
        boolean trust_self_signed() default true;

        @AttributeDefinition(name = "Timeout (ms)", description = "Per request")
        long timeout_ms() default 10_000;

        @AttributeDefinition(name = "429 retries", description = "How often a pacing rejection (429) is retried")
        int retries_429() default 3;

        @AttributeDefinition(name = "429 back-off (ms)", description = "The first back-off; doubles per retry")
        long backoff_ms() default 1000;

        @AttributeDefinition(name = "Stream over the WebSocket", description = "Orders, trades and quotes pushed by"
                + " the gateway's /ws; false: polled only")
        boolean socket_enabled() default true;

        @AttributeDefinition(name = "WebSocket URL", description = "Empty: the gateway URL with ws(s) and /ws, e.g."
                + " wss://localhost:5000/v1/api/ws", required = false)
        String socket_url() default "";

        @AttributeDefinition(name = "Socket heartbeat (ms)", description = "How often tic and ech+hb are sent")
        long socket_heartbeat_ms() default 30_000;

        @AttributeDefinition(name = "Socket silence (ms)", description = "A socket silent this long is dropped")
        long socket_silence_ms() default 35_000;

        @AttributeDefinition(name = "Socket back-off (ms)", description = "The first wait before reopening a dropped"
                + " socket; doubles per failed try")
        long socket_backoff_ms() default 1000;

        @AttributeDefinition(name = "Socket back-off limit (ms)", description = "The longest wait between tries")
        long socket_backoff_max_ms() default 60_000;

        @AttributeDefinition(name = "OAuth consumer key", description = "First-party OAuth instead of a local"
                + " gateway (base.url = https://api.ibkr.com/v1/api); empty: the gateway's session", required = false)
        String oauth_consumer_key() default "";

        @AttributeDefinition(name = "OAuth access token", required = false)
        String oauth_access_token() default "";

        @AttributeDefinition(name = "OAuth access token secret", description = "As the self-service portal gives it"
                + " (base64, encrypted with the public encryption key)", required = false)
        String oauth_access_token_secret() default "";

        @AttributeDefinition(name = "OAuth signature key file", description = "The private signature key, PEM"
                + " PKCS#8", required = false)
        String oauth_signature_key_file() default "";

        @AttributeDefinition(name = "OAuth encryption key file", description = "The private encryption key, PEM"
                + " PKCS#8", required = false)
        String oauth_encryption_key_file() default "";

        @AttributeDefinition(name = "OAuth Diffie-Hellman prime", description = "Hex, from the dhparam.pem uploaded"
                + " to the portal (openssl dhparam -in dhparam.pem -text)", required = false)
        String oauth_dh_prime() default "";

        @AttributeDefinition(name = "OAuth Diffie-Hellman generator")
        int oauth_dh_generator() default 2;

        @AttributeDefinition(name = "OAuth realm", description = "limited_poa; test_realm for the TESTCONS consumer")
        String oauth_realm() default "limited_poa";
    }

    private final IbkrVenue venue;
    private ServiceRegistration<Venue> registration;

    @Activate
    public IbkrVenueComponent(Config config, BundleContext context) {
        this.venue = new IbkrVenue(toConfig(config), Clock.systemUTC());
        LOG.info("IBKR venue {} started: {}{}", venue.id(), venue.description(),
                venue.reason() == null ? "" : " - " + venue.reason());
        registration = context.registerService(Venue.class, venue,
                new Hashtable<>(Map.of(Venue.ID_PROPERTY, venue.id().toString())));
    }

    static IbkrConfig toConfig(Config c) {
        String url = c.base_url() == null ? "" : c.base_url().strip();
        URI base;
        try {
            base = url.isEmpty() ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base.url is not a URL: '" + url + "'", e);
        }
        if (base != null && !"https".equalsIgnoreCase(base.getScheme()) && !"http".equalsIgnoreCase(base.getScheme())) {
            throw new IllegalArgumentException("base.url must be http(s)://host:port/v1/api, got '" + url + "'");
        }
        String socketUrl = c.socket_url() == null ? "" : c.socket_url().strip();
        IbkrConfig.Streaming streaming;
        try {
            streaming = new IbkrConfig.Streaming(c.socket_enabled(), socketUrl.isEmpty() ? null : URI.create(socketUrl),
                    Duration.ofMillis(c.socket_heartbeat_ms()), Duration.ofMillis(c.socket_silence_ms()),
                    Duration.ofMillis(c.socket_backoff_ms()), Duration.ofMillis(c.socket_backoff_max_ms()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("socket settings: " + e.getMessage(), e);
        }
        return new IbkrConfig(VenueId.of(c.venue_id().strip()), base, c.account_id(),
                IbkrConfig.parseConids(c.conids()),
                c.requests_per_second(), Duration.ofMillis(c.poll_interval_ms()),
                Duration.ofMillis(c.session_check_ms()),
                Duration.ofSeconds(c.keepalive_s()), c.confirm_questions(), c.trust_self_signed(),
                Duration.ofMillis(c.timeout_ms()), c.retries_429(), Duration.ofMillis(c.backoff_ms()), streaming,
                oauth(c));
    }

    /** The OAuth credentials when a consumer key is set, read and checked now (a bad setting fails activation). */
    static IbkrOAuth.Credentials oauth(Config c) {
        String consumer = c.oauth_consumer_key() == null ? "" : c.oauth_consumer_key().strip();
        if (consumer.isEmpty()) {
            return null;
        }
        BigInteger prime;
        try {
            prime = new BigInteger(blank(c.oauth_dh_prime()).replaceAll("[\\s:]", ""), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("oauth.dh.prime must be the Diffie-Hellman prime in hex", e);
        }
        return new IbkrOAuth.Credentials(consumer, blank(c.oauth_access_token()), blank(c.oauth_access_token_secret()),
                IbkrOAuth.readPrivateKey(keyFile(c.oauth_signature_key_file(), "oauth.signature.key.file")),
                IbkrOAuth.readPrivateKey(keyFile(c.oauth_encryption_key_file(), "oauth.encryption.key.file")), prime,
                BigInteger.valueOf(c.oauth_dh_generator()), blank(c.oauth_realm()));
    }

    private static String blank(String value) {
        return value == null ? "" : value.strip();
    }

    private static Path keyFile(String value, String name) {
        if (blank(value).isEmpty()) {
            throw new IllegalArgumentException(name + " must name the key file when oauth.consumer.key is set");
        }
        return Path.of(blank(value));
    }

    /** Quotes pushed or polled from IBKR go into the platform's market data, as every feed's do. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindMarketData(MarketDataService service) {
        venue.marketData(service);
    }

    void unbindMarketData(MarketDataService service) {
        venue.marketDataGone(service);
    }

    @Deactivate
    void deactivate() {
        // Gone from the router before the venue stops.
        registration.unregister();
        int open = venue.followedOrders();
        venue.close();
        LOG.info("IBKR venue {} stopped; it followed {} open order(s), which stay known to the OMS", venue.id(), open);
    }
}

package org.nautilus.venue.fix.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.Map;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.Venue;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.ConfigError;
import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * One FIX venue per factory configuration {@code etc/nautilus.venue.fix-<name>.cfg} (FileInstall's name for a factory
 * configuration of PID {@code nautilus.venue.fix}): its {@code venue.id} becomes the service's {@code venue.id}. The
 * session comes from the keys below, or whole from a QuickFIX/J settings file ({@code settings.file}, one initiator
 * session). A configuration change restarts the venue (DS re-activation); the OMS keeps the orders and reconciles when
 * the session logs on again. The {@link FixVenue} itself is the registered {@link Venue} service.
 */
@Component(service = {}, configurationPid = FixVenueComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = FixVenueComponent.Config.class, factory = true)
public final class FixVenueComponent {

    public static final String PID = "nautilus.venue.fix";

    private static final Logger LOG = LoggerFactory.getLogger(FixVenueComponent.class);

    @ObjectClassDefinition(name = "Nautilus FIX venue", description = "A broker or exchange over a FIX session we initiate")
    public @interface Config {

        @AttributeDefinition(name = "Venue id", description = "The venue.id this venue registers")
        String venue_id();

        @AttributeDefinition(name = "Settings file", description = "A QuickFIX/J settings file with one initiator"
                + " session (relative to the Karaf home); empty: the session is made from the keys below", required = false)
        String settings_file() default "";

        @AttributeDefinition(name = "BeginString", description = "FIX.4.2 or FIX.4.4")
        String begin_string() default "FIX.4.4";

        @AttributeDefinition(name = "SenderCompID", description = "Ours")
        String sender_comp_id() default "NAUTILUS";

        @AttributeDefinition(name = "TargetCompID", description = "The counterparty's")
        String target_comp_id() default "";

        @AttributeDefinition(name = "Host")
        String host() default "127.0.0.1";

        @AttributeDefinition(name = "Port")
        int port() default 0;

        @AttributeDefinition(name = "Heartbeat (s)")
        int heartbeat_s() default 30;

        @AttributeDefinition(name = "Reconnect interval (s)")
        int reconnect_s() default 5;

        @AttributeDefinition(name = "Session start", description = "StartTime, HH:mm:ss in the time zone")
        String start_time() default "00:00:00";

        @AttributeDefinition(name = "Session end", description = "EndTime (equal to the start: a session of 24 hours)")
        String end_time() default "00:00:00";

        @AttributeDefinition(name = "Time zone")
        String time_zone() default "UTC";

        @AttributeDefinition(name = "Message store", description = "FileStorePath; empty: data/fix/venue-<venue id>", required = false)
        String store_path() default "";

        @AttributeDefinition(name = "Reset on logon", description = "ResetOnLogon: sequence numbers start at 1 each logon")
        boolean reset_on_logon() default false;

        @AttributeDefinition(name = "Tags to add", description = "TAG=VALUE,... set where an order message has none", required = false)
        String tags_add() default "";

        @AttributeDefinition(name = "Tags to override", description = "TAG=VALUE,... always set", required = false)
        String tags_override() default "";

        @AttributeDefinition(name = "Tags to drop", description = "TAG,... removed from order messages", required = false)
        String tags_drop() default "";

        @AttributeDefinition(name = "Order types", description = "TYPE=C,... (MARKET, LIMIT, STOP, STOP_LIMIT) the"
                + " OrdType value sent", required = false)
        String ordtype_map() default "";

        @AttributeDefinition(name = "Times in force", description = "TIF=C,... (DAY, GTC, IOC, FOK, GTD) the"
                + " TimeInForce value sent", required = false)
        String tif_map() default "";
    }

    private final FixVenue venue;
    private final FixSession session;
    private ServiceRegistration<Venue> registration;

    @Activate
    public FixVenueComponent(Config config, BundleContext context) throws Exception {
        this(config);
        registration = context.registerService(Venue.class, venue,
                new Hashtable<>(Map.of(Venue.ID_PROPERTY, venue.id().toString())));
    }

    /** The venue and its session, not registered (tests). */
    FixVenueComponent(Config config) throws Exception {
        VenueId id = VenueId.of(config.venue_id().strip());
        Dialect dialect = Dialect.parse(config.tags_add(), config.tags_override(), config.tags_drop(),
                config.ordtype_map(), config.tif_map());
        SessionSettings settings = settings(config, id);
        SessionID sessionId = onlySession(settings);
        String where = settings.isSetting(sessionId, "SocketConnectHost")
                ? settings.getString(sessionId, "SocketConnectHost") + ":"
                        + settings.getString(sessionId, "SocketConnectPort")
                : null;
        this.venue = new FixVenue(id, sessionId, dialect, Clock.systemUTC(), where);
        this.session = FixSession.start(venue, settings);
        LOG.info("FIX venue {} started: {}", id, venue.description());
    }

    /** The session settings: the file named by {@code settings.file}, or made from the configuration's keys. */
    static SessionSettings settings(Config c, VenueId id) throws ConfigError, IOException {
        if (c.settings_file() != null && !c.settings_file().isBlank()) {
            Path file = Path.of(c.settings_file().strip());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("settings.file " + file.toAbsolutePath() + " does not exist");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new SessionSettings(in);
            }
        }
        if (c.target_comp_id() == null || c.target_comp_id().isBlank() || c.port() <= 0) {
            throw new IllegalArgumentException("FIX venue " + id + ": set target.comp.id and port (or settings.file)");
        }
        SessionSettings settings = new SessionSettings();
        SessionID session = new SessionID(c.begin_string().strip(), c.sender_comp_id().strip(),
                c.target_comp_id().strip());
        settings.setString(session, "ConnectionType", "initiator");
        settings.setString(session, "SocketConnectHost", c.host().strip());
        settings.setLong(session, "SocketConnectPort", c.port());
        settings.setLong(session, "HeartBtInt", c.heartbeat_s());
        settings.setLong(session, "ReconnectInterval", c.reconnect_s());
        settings.setString(session, "StartTime", c.start_time().strip());
        settings.setString(session, "EndTime", c.end_time().strip());
        settings.setString(session, "TimeZone", c.time_zone().strip());
        settings.setString(session, "FileStorePath", c.store_path() == null || c.store_path().isBlank()
                ? "data/fix/venue-" + id
                : c.store_path().strip());
        settings.setString(session, "FileStoreSync", "N");
        settings.setString(session, "UseDataDictionary", "Y");
        settings.setString(session, "DataDictionary", c.begin_string().strip().replace(".", "") + ".xml");
        settings.setString(session, "ValidateUserDefinedFields", "N");
        settings.setString(session, "AllowUnknownMsgFields", "Y");
        settings.setString(session, "ResetOnLogon", c.reset_on_logon() ? "Y" : "N");
        return settings;
    }

    static SessionID onlySession(SessionSettings settings) {
        Iterator<SessionID> sessions = settings.sectionIterator();
        if (!sessions.hasNext()) {
            throw new IllegalArgumentException("the FIX venue's settings have no session");
        }
        SessionID session = sessions.next();
        if (sessions.hasNext()) {
            throw new IllegalArgumentException("a FIX venue has one session; the settings have more (" + session
                    + ", " + sessions.next() + ")");
        }
        return session;
    }

    FixVenue venue() {
        return venue;
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            // Gone from the router before the session closes.
            registration.unregister();
            registration = null;
        }
        int open = venue.openOrderCount();
        session.close();
        venue.close();
        LOG.info("FIX venue {} stopped; it followed {} open order(s), which stay known to the OMS", venue.id(), open);
    }
}

package org.nautilus.fix.gateway.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.nautilus.api.domain.PortfolioId;
import quickfix.ConfigError;
import quickfix.FieldConvertError;
import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * What one acceptor session may do, from its section of etc/fix/gateway.cfg (keys of ours next to QuickFIX/J's):
 * {@code User} (the JAAS user its Logon must carry in Username/Password), {@code Portfolio} (what its orders trade
 * for), {@code ThrottleMessagesPerSecond}, {@code CancelOnDisconnect} with {@code CancelOnDisconnectGraceSeconds}, and
 * for a read-only drop copy {@code DropCopy=Y} with {@code DropCopyPortfolios}.
 *
 * @param session            the QuickFIX/J session
 * @param user               the user name the Logon must carry
 * @param portfolio          the portfolio its orders trade for ({@code null} for a drop copy)
 * @param dropCopyPortfolios for a drop copy: the portfolios whose executions it receives; empty for order entry
 * @param messagesPerSecond  the application messages it may send per second; 0 for no limit
 * @param cancelOnDisconnect {@code null} to leave orders working when it disconnects; otherwise how long to wait
 *                           for it to log back on before its open orders are canceled
 */
record SessionPolicy(SessionID session, String user, PortfolioId portfolio, Set<PortfolioId> dropCopyPortfolios,
        int messagesPerSecond, Duration cancelOnDisconnect) {

    static final String USER = "User";
    static final String PORTFOLIO = "Portfolio";
    static final String DROP_COPY = "DropCopy";
    static final String DROP_COPY_PORTFOLIOS = "DropCopyPortfolios";
    static final String THROTTLE = "ThrottleMessagesPerSecond";
    static final String CANCEL_ON_DISCONNECT = "CancelOnDisconnect";
    static final String CANCEL_ON_DISCONNECT_GRACE = "CancelOnDisconnectGraceSeconds";

    SessionPolicy {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(user, "user");
        dropCopyPortfolios = Set.copyOf(dropCopyPortfolios);
        if (portfolio == null && dropCopyPortfolios.isEmpty()) {
            throw new IllegalArgumentException(session + ": an order-entry session needs " + PORTFOLIO
                    + ", a drop copy needs " + DROP_COPY_PORTFOLIOS);
        }
    }

    boolean isDropCopy() {
        return !dropCopyPortfolios.isEmpty();
    }

    /**
     * The OMS client order id prefix of this session's orders: ClOrdIDs are unique per session only, so the OMS
     * keys them as {@code fix:<client CompID>:<ClOrdID>}.
     */
    String clientOrderPrefix() {
        return "fix:" + session.getTargetCompID() + ":";
    }

    /** Reads a session's policy; a missing or bad key is a {@link ConfigError} naming the session and the key. */
    static SessionPolicy read(SessionSettings settings, SessionID session) throws ConfigError {
        try {
            String user = required(settings, session, USER);
            boolean dropCopy = settings.isSetting(session, DROP_COPY) && settings.getBool(session, DROP_COPY);
            PortfolioId portfolio = null;
            Set<PortfolioId> copied = Set.of();
            if (dropCopy) {
                copied = Arrays.stream(required(settings, session, DROP_COPY_PORTFOLIOS).split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).map(PortfolioId::of)
                        .collect(Collectors.toUnmodifiableSet());
                if (copied.isEmpty()) {
                    throw new ConfigError(session + ": " + DROP_COPY_PORTFOLIOS + " names no portfolio");
                }
            } else {
                portfolio = PortfolioId.of(required(settings, session, PORTFOLIO));
            }
            int throttle = settings.isSetting(session, THROTTLE) ? (int) settings.getLong(session, THROTTLE) : 0;
            if (throttle < 0) {
                throw new ConfigError(session + ": " + THROTTLE + " must be 0 (no limit) or positive, got " + throttle);
            }
            Duration grace = null;
            if (settings.isSetting(session, CANCEL_ON_DISCONNECT) && settings.getBool(session, CANCEL_ON_DISCONNECT)) {
                long seconds = settings.isSetting(session, CANCEL_ON_DISCONNECT_GRACE)
                        ? settings.getLong(session, CANCEL_ON_DISCONNECT_GRACE)
                        : 0;
                if (seconds < 0) {
                    throw new ConfigError(session + ": " + CANCEL_ON_DISCONNECT_GRACE + " must not be negative");
                }
                grace = Duration.ofSeconds(seconds);
            }
            return new SessionPolicy(session, user, portfolio, copied, throttle, grace);
        } catch (FieldConvertError e) {
            throw new ConfigError(session + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigError(session + ": " + e.getMessage());
        }
    }

    private static String required(SessionSettings settings, SessionID session, String key) throws ConfigError {
        if (!settings.isSetting(session, key) || settings.getString(session, key).isBlank()) {
            throw new ConfigError(session + ": the session needs " + key + " in etc/fix/gateway.cfg");
        }
        return settings.getString(session, key).strip();
    }
}

package org.nautilus.api.audit;

import java.util.Objects;

/**
 * Who did something, and through which channel: the audit journal's answer to "who halted trading?".
 *
 * @param user    the authenticated user name (the JAAS user of the shell or HTTP request; the route id or FIX session
 *                for those channels)
 * @param channel the door it came through
 */
public record Actor(String user, Channel channel) {

    /** Field names under which {@link AuditService#record(Actor, String, String, org.nautilus.api.domain.PortfolioId,
     * String, java.util.Map)} stores the actor in {@link AuditEntry#fields()}. */
    public static final String USER_FIELD = "user";
    public static final String CHANNEL_FIELD = "channel";

    public Actor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
        if (user.isBlank()) {
            throw new IllegalArgumentException("an actor needs a user name");
        }
    }

    public static Actor of(String user, Channel channel) {
        return new Actor(user, channel);
    }

    /** {@code alice@HTTP}. */
    @Override
    public String toString() {
        return user + "@" + channel;
    }
}

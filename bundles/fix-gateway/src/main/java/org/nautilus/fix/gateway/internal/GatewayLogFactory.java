package org.nautilus.fix.gateway.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

/**
 * QuickFIX/J's session log into Karaf's: session events at INFO, errors at WARN, the messages themselves at DEBUG
 * only (they are in the FileStore, and one INFO line per order would cost the order path more than the order).
 * Turn on {@code log:set DEBUG org.nautilus.fix.gateway.messages} to see them.
 */
final class GatewayLogFactory implements LogFactory {

    private static final Logger EVENTS = LoggerFactory.getLogger("org.nautilus.fix.gateway.sessions");
    private static final Logger MESSAGES = LoggerFactory.getLogger("org.nautilus.fix.gateway.messages");

    @Override
    public Log create(SessionID session) {
        return new Log() {
            @Override
            public void clear() {
            }

            @Override
            public void onIncoming(String message) {
                if (MESSAGES.isDebugEnabled()) {
                    MESSAGES.debug("{} in: {}", session, message.replace('\u0001', '|'));
                }
            }

            @Override
            public void onOutgoing(String message) {
                if (MESSAGES.isDebugEnabled()) {
                    MESSAGES.debug("{} out: {}", session, message.replace('\u0001', '|'));
                }
            }

            @Override
            public void onEvent(String text) {
                EVENTS.info("{}: {}", session, text);
            }

            @Override
            public void onErrorEvent(String text) {
                EVENTS.warn("{}: {}", session, text);
            }
        };
    }
}

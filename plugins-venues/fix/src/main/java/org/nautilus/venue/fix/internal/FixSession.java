package org.nautilus.venue.fix.internal;

import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FileStoreFactory;
import quickfix.SLF4JLogFactory;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketInitiator;

/**
 * The QuickFIX/J initiator of one FIX venue: it connects, logs on, reconnects every ReconnectInterval, keeps the
 * session schedule and answers resend requests; sequence numbers and sent messages persist in the FileStore. Session
 * events go to the log category {@code org.nautilus.venue.fix.sessions}, messages to
 * {@code org.nautilus.venue.fix.messages} (heartbeats left out).
 */
final class FixSession implements AutoCloseable {

    private final ThreadedSocketInitiator initiator;

    private FixSession(ThreadedSocketInitiator initiator) {
        this.initiator = initiator;
    }

    static FixSession start(FixVenue venue, SessionSettings settings) throws ConfigError {
        settings.setString("SLF4JLogEventCategory", "org.nautilus.venue.fix.sessions");
        settings.setString("SLF4JLogIncomingMessageCategory", "org.nautilus.venue.fix.messages");
        settings.setString("SLF4JLogOutgoingMessageCategory", "org.nautilus.venue.fix.messages");
        settings.setString("SLF4JLogHeartbeats", "N");
        ThreadedSocketInitiator initiator = new ThreadedSocketInitiator(venue, new FileStoreFactory(settings),
                settings, new SLF4JLogFactory(settings), new DefaultMessageFactory());
        // QuickFIX/J loads its data dictionaries (embedded in this bundle) through the context class loader.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(FixSession.class.getClassLoader());
        try {
            initiator.start();
        } finally {
            thread.setContextClassLoader(previous);
        }
        return new FixSession(initiator);
    }

    @Override
    public void close() {
        initiator.stop(true);
    }
}

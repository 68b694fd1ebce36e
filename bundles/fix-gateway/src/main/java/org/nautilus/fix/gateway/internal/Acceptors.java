package org.nautilus.fix.gateway.internal;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.MessageStoreFactory;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;

/**
 * The gateway's one way of making its QuickFIX/J acceptor: a thread per session (a slow client never holds up
 * another), our log factory (events to Karaf's log, messages at DEBUG only). The session-level conformance run uses
 * it too, with an echo application in place of the gateway's.
 */
final class Acceptors {

    private Acceptors() {
    }

    static ThreadedSocketAcceptor start(Application application, SessionSettings settings, MessageStoreFactory store)
            throws ConfigError {
        ThreadedSocketAcceptor acceptor = new ThreadedSocketAcceptor(application, store, settings,
                new GatewayLogFactory(), new DefaultMessageFactory());
        // QuickFIX/J loads its data dictionaries (embedded in this bundle) through the context class loader too.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Acceptors.class.getClassLoader());
        try {
            acceptor.start();
        } finally {
            thread.setContextClassLoader(previous);
        }
        return acceptor;
    }
}

package org.nautilus.fix.gateway.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.nautilus.api.store.FixSessionId;
import org.nautilus.api.store.FixSessionStore;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;

/** Makes each session's {@link GridMessageStore}, keyed by the session's identity ({@code FIX.4.4:NAUTILUS->C1}). */
final class GridMessageStoreFactory implements MessageStoreFactory {

    private final FixSessionStore store;
    private final Clock clock;

    GridMessageStoreFactory(FixSessionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public MessageStore create(SessionID session) {
        try {
            return new GridMessageStore(store, FixSessionId.of(session.toString()), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

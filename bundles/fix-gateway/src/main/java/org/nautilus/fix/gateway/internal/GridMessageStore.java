package org.nautilus.fix.gateway.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.Optional;
import org.nautilus.api.store.FixSessionId;
import org.nautilus.api.store.FixSessionState;
import org.nautilus.api.store.FixSessionStore;
import quickfix.MessageStore;

/**
 * QuickFIX/J's message store over the cluster's {@link FixSessionStore} (session.store = grid): the session's state
 * is held here and written through on every change, each message before QuickFIX/J sends it (it calls
 * {@link #set} then sends), so another node's gateway resumes the session where this one left it. A failed write is
 * an {@link IOException}: QuickFIX/J then does not send the message. Synchronized: the sending thread and the
 * session's receiving thread both change the state.
 */
final class GridMessageStore implements MessageStore {

    private final FixSessionStore store;
    private final FixSessionId session;
    private final Clock clock;
    private FixSessionState state;

    GridMessageStore(FixSessionStore store, FixSessionId session, Clock clock) throws IOException {
        this.store = store;
        this.session = session;
        this.clock = clock;
        refresh();
    }

    @Override
    public synchronized boolean set(int sequence, String message) throws IOException {
        call(() -> store.saveMessage(session, sequence, message));
        return true;
    }

    /** The retained messages in the range; QuickFIX/J gap-fills the ones not returned. */
    @Override
    public synchronized void get(int start, int end, Collection<String> messages) throws IOException {
        try {
            messages.addAll(store.messages(session, start, end).values());
        } catch (RuntimeException e) {
            throw failed("read messages " + start + " to " + end, e);
        }
    }

    @Override
    public synchronized int getNextSenderMsgSeqNum() {
        return state.nextSenderSeqNum();
    }

    @Override
    public synchronized int getNextTargetMsgSeqNum() {
        return state.nextTargetSeqNum();
    }

    @Override
    public synchronized void setNextSenderMsgSeqNum(int next) throws IOException {
        save(state.withNextSenderSeqNum(next));
    }

    @Override
    public synchronized void setNextTargetMsgSeqNum(int next) throws IOException {
        save(state.withNextTargetSeqNum(next));
    }

    @Override
    public synchronized void incrNextSenderMsgSeqNum() throws IOException {
        save(state.withNextSenderSeqNum(state.nextSenderSeqNum() + 1));
    }

    @Override
    public synchronized void incrNextTargetMsgSeqNum() throws IOException {
        save(state.withNextTargetSeqNum(state.nextTargetSeqNum() + 1));
    }

    @Override
    public synchronized Date getCreationTime() {
        return Date.from(state.creationTime());
    }

    /** Starts over, unless another node already did since this state was read: then its state is adopted. */
    @Override
    public synchronized void reset() throws IOException {
        FixSessionState fresh = FixSessionState.fresh(clock.instant());
        try {
            state = store.reset(session, state, fresh);
        } catch (RuntimeException e) {
            throw failed("reset", e);
        }
    }

    /** Reads the stored state (QuickFIX/J calls it on Logon with RefreshOnLogon=Y); creates it if there is none. */
    @Override
    public synchronized void refresh() throws IOException {
        try {
            Optional<FixSessionState> stored = store.state(session);
            state = stored.isPresent() ? stored.get()
                    : store.reset(session, null, FixSessionState.fresh(clock.instant()));
        } catch (RuntimeException e) {
            throw failed("read its state", e);
        }
    }

    private void save(FixSessionState next) throws IOException {
        call(() -> store.save(session, next));
        state = next; // only once durable: a failed write leaves the numbers as they were
    }

    private void call(Runnable write) throws IOException {
        try {
            write.run();
        } catch (RuntimeException e) {
            throw failed("write", e);
        }
    }

    private IOException failed(String what, RuntimeException e) {
        return new IOException("FIX session " + session + ": the grid's session store could not " + what + ": "
                + e.getMessage(), e);
    }
}

package org.nautilus.grid.internal.fix;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;
import org.nautilus.api.store.FixSessionId;
import org.nautilus.api.store.FixSessionState;
import org.nautilus.api.store.FixSessionStore;
import org.nautilus.grid.internal.fix.FixSessionCodecs.MessageKey;
import org.nautilus.grid.internal.fix.FixSessionCodecs.SentMessage;
import org.nautilus.grid.internal.node.Grid;
import org.nautilus.grid.internal.store.BinaryCache;
import org.nautilus.grid.internal.store.GridCaches;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FIX session state in two TRANSACTIONAL caches of the cache group {@value #GROUP} in the default (persistent) data
 * region, FULL_SYNC with the grid's backups ({@link GridCaches#transactional}): {@value #STATES} (one entry per
 * session) and {@value #MESSAGES} (one per sent message), colocated by session. A write returns once every copy has
 * it (and, with persistence, as durable as the WAL mode says), so a node's death loses nothing a FIX engine sent.
 * Its own group, not the trading group: a snapshot restore replaces the trading state, not the sessions' sequence
 * numbers, which belong to the counterparties as much as to us.
 *
 * <p>Retention: a session keeps its latest {@link #retainedMessages()} messages; older ones are deleted in blocks of
 * {@value #TRIM_BLOCK} sequence numbers as new ones are saved, and never returned.
 */
@Component(service = FixSessionStore.class, configurationPid = FixSessionsConfig.PID)
@Designate(ocd = FixSessionsConfig.class)
public final class GridFixSessionStore implements FixSessionStore {

    static final String GROUP = "nautilus-fix-sessions";
    static final String STATES = "fix_session_states";
    static final String MESSAGES = "fix_session_messages";
    /** Old messages are deleted this many sequence numbers at a time (one removeAll), and read in chunks this big. */
    static final int TRIM_BLOCK = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(GridFixSessionStore.class);

    private final Grid grid;
    private final BinaryCache<FixSessionId, FixSessionState> states;
    private final BinaryCache<MessageKey, SentMessage> messages;
    private volatile int retained;

    @Activate
    public GridFixSessionStore(@Reference Grid grid, FixSessionsConfig config) {
        this(grid, config.retained_messages());
    }

    public GridFixSessionStore(Grid grid, int retainedMessages) {
        this.grid = grid;
        this.retained = requirePositive(retainedMessages);
        states = BinaryCache.open(grid, GridCaches.transactional(STATES, GROUP, grid.settings(),
                FixSessionCodecs.STATE_KEY_TYPE, FixSessionCodecs.AFFINITY_FIELD), FixSessionCodecs.STATE_KEY,
                FixSessionCodecs.STATE);
        messages = BinaryCache.open(grid, GridCaches.transactional(MESSAGES, GROUP, grid.settings(),
                FixSessionCodecs.MESSAGE_KEY_TYPE, FixSessionCodecs.AFFINITY_FIELD), FixSessionCodecs.MESSAGE_KEY,
                FixSessionCodecs.MESSAGE);
        // Binary metadata registered before any concurrent use (see StoreCaches#registerTypes for why).
        FixSessionId sample = FixSessionId.of("type-registration");
        states.encodeKey(sample);
        states.encodeValue(FixSessionState.fresh(Instant.EPOCH));
        messages.encodeKey(new MessageKey(sample, 1));
        messages.encodeValue(new SentMessage(1, "8=FIX.4.4"));
    }

    /** A new retention applies to the next saves and reads (no component restart: the sessions stay up). */
    @Modified
    void modified(FixSessionsConfig config) {
        retained = requirePositive(config.retained_messages());
    }

    private static int requirePositive(int retainedMessages) {
        if (retainedMessages < 1) {
            throw new IllegalArgumentException(FixSessionsConfig.PID + ": retained.messages must be at least 1, got "
                    + retainedMessages);
        }
        return retainedMessages;
    }

    @Override
    public Optional<FixSessionState> state(FixSessionId session) {
        return states.get(session);
    }

    @Override
    public void save(FixSessionId session, FixSessionState state) {
        states.put(session, state);
    }

    @Override
    public void saveMessage(FixSessionId session, int sequenceNumber, String message) {
        if (sequenceNumber < 1) {
            throw new IllegalArgumentException("FIX session " + session + ": sequence number " + sequenceNumber
                    + " < 1");
        }
        messages.put(new MessageKey(session, sequenceNumber), new SentMessage(sequenceNumber, message));
        int bound = retained;
        if (sequenceNumber % TRIM_BLOCK == 0 && sequenceNumber > bound) {
            // The block that just fell out of retention (each block once, as the sequence passes it).
            int last = sequenceNumber - bound;
            try {
                remove(session, Math.max(1, last - TRIM_BLOCK + 1), last);
            } catch (RuntimeException e) {
                // The message is stored; old ones stay until a later block or the session's reset.
                LOG.warn("FIX session {}: messages up to {} could not be deleted: {}", session, last, e.toString());
            }
        }
    }

    @Override
    public SortedMap<Integer, String> messages(FixSessionId session, int from, int to) {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("FIX session " + session + ": no messages from " + from + " to " + to);
        }
        SortedMap<Integer, String> result = new TreeMap<>();
        Optional<FixSessionState> state = states.get(session);
        if (state.isEmpty()) {
            return result;
        }
        int next = state.get().nextSenderSeqNum();
        int first = Math.max(from, next - retained);
        int last = Math.min(to, next - 1);
        for (int start = first; start <= last; start += TRIM_BLOCK) {
            List<MessageKey> keys = keys(session, start, Math.min(last, start + TRIM_BLOCK - 1));
            for (SentMessage message : messages.getAll(keys)) {
                result.put(message.sequenceNumber(), message.text());
            }
        }
        return result;
    }

    @Override
    public FixSessionState reset(FixSessionId session, FixSessionState known, FixSessionState fresh) {
        Optional<FixSessionState> stored;
        try (Transaction tx = grid.ignite().transactions().txStart(TransactionConcurrency.PESSIMISTIC,
                TransactionIsolation.REPEATABLE_READ)) {
            stored = states.get(session); // locks the entry until the commit
            if (stored.isPresent() && (known == null
                    || !stored.get().creationTime().equals(known.creationTime()))) {
                LOG.info("FIX session {}: already reset elsewhere at {}; adopting its state", session,
                        stored.get().creationTime());
                return stored.get();
            }
            states.put(session, fresh);
            tx.commit();
        }
        if (stored.isPresent()) {
            // Every message the old sequence could have kept: a trimmed block's worth below the retained ones, and
            // one saved but not yet counted.
            int next = stored.get().nextSenderSeqNum();
            remove(session, Math.max(1, next - retained - TRIM_BLOCK), next);
        }
        return fresh;
    }

    @Override
    public int retainedMessages() {
        return retained;
    }

    private void remove(FixSessionId session, int first, int last) {
        for (int start = first; start <= last; start += TRIM_BLOCK) {
            messages.removeAll(keys(session, start, Math.min(last, start + TRIM_BLOCK - 1)));
        }
    }

    private static List<MessageKey> keys(FixSessionId session, int first, int last) {
        List<MessageKey> keys = new ArrayList<>(last - first + 1);
        for (int seq = first; seq <= last; seq++) {
            keys.add(new MessageKey(session, seq));
        }
        return keys;
    }
}

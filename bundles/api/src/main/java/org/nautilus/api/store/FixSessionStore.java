package org.nautilus.api.store;

import java.util.Optional;
import java.util.SortedMap;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable state of FIX sessions, shared by every node that may serve them: sequence numbers, creation time and
 * the messages sent, by sequence number, so that a counterparty's ResendRequest can be answered. Shaped after what a
 * FIX engine's message store needs (QuickFIX/J's {@code MessageStore}), with no engine types.
 *
 * <p>Every write is durable when it returns (on every copy the provider keeps), so an engine that writes before it
 * sends never sends what a node's death could make the store forget. A provider keeps a bounded number of each
 * session's latest messages ({@link #retainedMessages()}); older ones are answered with a gap fill by the engine.
 *
 * <p>A session is served by one node at a time; the store does not arbitrate between two nodes writing the same
 * session's sequence numbers, except for {@link #reset}.
 */
@ProviderType
public interface FixSessionStore {

    /** The stored state of {@code session}, or empty if it has none yet. */
    Optional<FixSessionState> state(FixSessionId session);

    /** Replaces the state of {@code session}. */
    void save(FixSessionId session, FixSessionState state);

    /**
     * Stores the message we sent with {@code sequenceNumber} (replacing one stored under it). Messages older than the
     * latest {@link #retainedMessages()} may be dropped from here on.
     *
     * @throws IllegalArgumentException if {@code sequenceNumber < 1}
     */
    void saveMessage(FixSessionId session, int sequenceNumber, String message);

    /**
     * The sent messages with sequence numbers from {@code from} to {@code to} (both included) that are still
     * retained, in ascending order: those before the session's next sender sequence number less
     * {@link #retainedMessages()} and those at or past the next sender sequence number are never returned.
     *
     * @throws IllegalArgumentException if {@code from < 1} or {@code to < from}
     */
    SortedMap<Integer, String> messages(FixSessionId session, int from, int to);

    /**
     * Starts {@code session} over with {@code fresh} (its stored messages are deleted), unless another node reset it
     * since {@code known} was read: then nothing changes and the state that node wrote is returned, to be adopted.
     *
     * @param known the state the caller has (its creation time is compared), or {@code null} if it had none
     * @return the session's state after the call: {@code fresh}, or the newer one another node wrote
     */
    FixSessionState reset(FixSessionId session, FixSessionState known, FixSessionState fresh);

    /** How many of each session's latest sent messages are kept for resends. */
    int retainedMessages();
}

package org.nautilus.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The durable state of one FIX session besides its sent messages.
 *
 * @param nextSenderSeqNum the sequence number of our next message, at least 1
 * @param nextTargetSeqNum the sequence number expected of the counterparty's next message, at least 1
 * @param creationTime     when the session's sequence started (its last reset): QuickFIX/J resets a session whose
 *                         creation time is before the current session period of its schedule
 */
public record FixSessionState(int nextSenderSeqNum, int nextTargetSeqNum, Instant creationTime) {

    public FixSessionState {
        if (nextSenderSeqNum < 1 || nextTargetSeqNum < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1, got sender " + nextSenderSeqNum
                    + ", target " + nextTargetSeqNum);
        }
        Objects.requireNonNull(creationTime, "creationTime");
    }

    /** A session that starts (over) at {@code creationTime}: both sequence numbers 1. */
    public static FixSessionState fresh(Instant creationTime) {
        return new FixSessionState(1, 1, creationTime);
    }

    public FixSessionState withNextSenderSeqNum(int next) {
        return new FixSessionState(next, nextTargetSeqNum, creationTime);
    }

    public FixSessionState withNextTargetSeqNum(int next) {
        return new FixSessionState(nextSenderSeqNum, next, creationTime);
    }
}

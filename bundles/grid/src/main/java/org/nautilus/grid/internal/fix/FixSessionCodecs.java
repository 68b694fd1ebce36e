package org.nautilus.grid.internal.fix;

import static org.nautilus.grid.internal.store.BinaryFields.int32;
import static org.nautilus.grid.internal.store.BinaryFields.int64;
import static org.nautilus.grid.internal.store.BinaryFields.string;

import java.time.Instant;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;
import org.nautilus.api.store.FixSessionId;
import org.nautilus.api.store.FixSessionState;
import org.nautilus.grid.internal.store.BinaryCodec;

/**
 * The stored forms of FIX session state: both key types carry the session in the field {@value #AFFINITY_FIELD},
 * the caches' affinity field, so a session's state and messages live in one partition (one primary, its backups).
 */
final class FixSessionCodecs {

    static final String AFFINITY_FIELD = "session";
    static final String STATE_KEY_TYPE = "nautilus.FixSessionKey";
    static final String MESSAGE_KEY_TYPE = "nautilus.FixMessageKey";

    private FixSessionCodecs() {
    }

    /** A sent message's key: its session and sequence number. */
    record MessageKey(FixSessionId session, int sequenceNumber) {
    }

    /** A sent message as it went out (the whole FIX text), with its sequence number. */
    record SentMessage(int sequenceNumber, String text) {
    }

    static final BinaryCodec<FixSessionId> STATE_KEY = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return STATE_KEY_TYPE;
        }

        @Override
        public void write(FixSessionId key, BinaryObjectBuilder out) {
            out.setField(AFFINITY_FIELD, key.value(), String.class);
        }

        @Override
        public FixSessionId read(BinaryObject in) {
            return FixSessionId.of(string(in, AFFINITY_FIELD));
        }
    };

    static final BinaryCodec<FixSessionState> STATE = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return "nautilus.FixSessionState";
        }

        @Override
        public void write(FixSessionState state, BinaryObjectBuilder out) {
            out.setField("nextSender", state.nextSenderSeqNum(), Integer.class);
            out.setField("nextTarget", state.nextTargetSeqNum(), Integer.class);
            out.setField("createdSeconds", state.creationTime().getEpochSecond(), Long.class);
            out.setField("createdNanos", state.creationTime().getNano(), Integer.class);
        }

        @Override
        public FixSessionState read(BinaryObject in) {
            return new FixSessionState(int32(in, "nextSender"), int32(in, "nextTarget"),
                    Instant.ofEpochSecond(int64(in, "createdSeconds"), int32(in, "createdNanos")));
        }
    };

    static final BinaryCodec<MessageKey> MESSAGE_KEY = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return MESSAGE_KEY_TYPE;
        }

        @Override
        public void write(MessageKey key, BinaryObjectBuilder out) {
            out.setField(AFFINITY_FIELD, key.session().value(), String.class);
            out.setField("seq", key.sequenceNumber(), Integer.class);
        }

        @Override
        public MessageKey read(BinaryObject in) {
            return new MessageKey(FixSessionId.of(string(in, AFFINITY_FIELD)), int32(in, "seq"));
        }
    };

    static final BinaryCodec<SentMessage> MESSAGE = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return "nautilus.FixSentMessage";
        }

        @Override
        public void write(SentMessage message, BinaryObjectBuilder out) {
            out.setField("seq", message.sequenceNumber(), Integer.class);
            out.setField("text", message.text(), String.class);
        }

        @Override
        public SentMessage read(BinaryObject in) {
            return new SentMessage(int32(in, "seq"), string(in, "text"));
        }
    };
}

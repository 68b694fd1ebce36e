package org.nautilus.grid.internal.store;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.VenueId;

/**
 * The building blocks of the journal's binary form, written ({@link JournalIn} reads them): unsigned LEB128 varints
 * (signed values zigzag first), fixed-point raws as {@code zigzag(m) << 4 | k} with {@code raw = m * 10^k}, instants
 * as a nanosecond delta from the previous one, strings as CESU-8 after their length + 1 ({@code 0}: null); see
 * {@link UnitCodec} for the whole layout. What is made of them is written by its codec: orders by
 * {@link OrderJournalCodec}, the unit's other parts by {@link UnitCodec}.
 *
 * <p>One per encoded unit (its instants are relative to each other); a full buffer is a
 * {@link BufferOverflowException}.
 */
final class JournalOut {

    static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Instants closer than this to the previous one are written as a nanosecond delta (which cannot overflow). */
    static final long MAX_DELTA_SECONDS = 1L << 31;
    /** The fixed-point scale code that announces a raw value written whole. */
    static final int RAW = 15;

    private static final int INITIAL_BUFFER = 1024;

    /**
     * Each encoding thread's scratch buffer: a fresh one per unit was most of the store's garbage at 100k orders/s.
     * It holds a JDK type only, so a thread outliving this bundle keeps none of its classes.
     */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal
            .withInitial(() -> ByteBuffer.allocate(INITIAL_BUFFER));

    private final ByteBuffer out;
    private long lastSeconds;
    private int lastNanos;

    JournalOut(ByteBuffer out) {
        this.out = out;
    }

    /**
     * What {@code write} puts in a buffer, exactly sized: written into this thread's scratch buffer, again into one
     * twice as large when it did not fit.
     */
    static byte[] bytes(Consumer<ByteBuffer> write) {
        ByteBuffer buffer = SCRATCH.get();
        while (true) {
            buffer.clear();
            try {
                write.accept(buffer);
                return Arrays.copyOf(buffer.array(), buffer.position());
            } catch (BufferOverflowException e) {
                buffer = ByteBuffer.allocate(Math.multiplyExact(buffer.capacity(), 2));
                SCRATCH.set(buffer);
            }
        }
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static String value(PortfolioId id) {
        return id == null ? null : id.value();
    }

    static String value(InstrumentId id) {
        return id == null ? null : id.value();
    }

    static String value(VenueId id) {
        return id == null ? null : id.value();
    }

    void put(byte b) {
        out.put(b);
    }

    void put(byte[] bytes) {
        out.put(bytes);
    }

    void instant(Instant t) {
        long seconds = t.getEpochSecond();
        int nanos = t.getNano();
        long deltaSeconds = seconds - lastSeconds;
        if (deltaSeconds > -MAX_DELTA_SECONDS && deltaSeconds < MAX_DELTA_SECONDS) {
            varLong(zigzag(deltaSeconds * NANOS_PER_SECOND + (nanos - lastNanos)) << 1);
        } else {
            out.put((byte) 1);
            varLong(zigzag(seconds));
            varLong(nanos);
        }
        lastSeconds = seconds;
        lastNanos = nanos;
    }

    void fixed(long raw) {
        long m = raw;
        int k = 0;
        while (m != 0 && k < RAW - 1 && m % 10 == 0) {
            m /= 10;
            k++;
        }
        long z = zigzag(m);
        if (z >>> 60 == 0) {
            varLong(z << 4 | k);
        } else {
            out.put((byte) RAW);
            varLong(zigzag(raw));
        }
    }

    void string(String s) {
        if (s == null) {
            out.put((byte) 0);
            return;
        }
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                bytes += c >= 0x800 ? 2 : 1;
            }
        }
        varLong(bytes + 1L);
        if (out.remaining() < bytes) {
            throw new BufferOverflowException();
        }
        if (bytes == length) {
            for (int i = 0; i < length; i++) {
                out.put((byte) s.charAt(i));
            }
            return;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | c >> 6));
                out.put((byte) (0x80 | c & 0x3F));
            } else {
                out.put((byte) (0xE0 | c >> 12));
                out.put((byte) (0x80 | c >> 6 & 0x3F));
                out.put((byte) (0x80 | c & 0x3F));
            }
        }
    }

    void varLong(long v) {
        while ((v & ~0x7FL) != 0) {
            out.put((byte) (v | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }
}

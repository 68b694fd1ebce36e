package org.nautilus.grid.internal.store;

import static org.nautilus.grid.internal.store.JournalOut.NANOS_PER_SECOND;
import static org.nautilus.grid.internal.store.JournalOut.RAW;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.VenueId;

/**
 * Reads the building blocks {@link JournalOut} writes, and the ids made of them. One per decoded unit. Bytes that
 * cannot be what was written (a bad header, count, ordinal or flags) are an {@link IllegalArgumentException}; too few
 * a {@link java.nio.BufferUnderflowException}.
 */
final class JournalIn {

    private static final long[] POW10 = new long[RAW];

    static {
        POW10[0] = 1;
        for (int i = 1; i < RAW; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final ByteBuffer in;
    private long lastSeconds;
    private int lastNanos;
    private byte[] bytes = new byte[64];
    private final Recent<PortfolioId> portfolios = new Recent<>(PortfolioId::of, PortfolioId::value);
    private final Recent<InstrumentId> instruments = new Recent<>(InstrumentId::of, InstrumentId::value);
    private final Recent<VenueId> venues = new Recent<>(VenueId::of, VenueId::value);

    JournalIn(ByteBuffer in) {
        this.in = in;
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    byte get() {
        return in.get();
    }

    void get(byte[] into) {
        in.get(into);
    }

    OrderId orderId() {
        return OrderId.of(varLong());
    }

    PortfolioId portfolioId() {
        return portfolios.of(string());
    }

    InstrumentId instrumentId() {
        return instruments.of(string());
    }

    VenueId venueId() {
        return venues.of(string());
    }

    Instant instant() {
        long header = varLong();
        long seconds;
        long nanos;
        if ((header & 1) == 0) {
            // |delta| <= 2^62: adding the previous nanos cannot overflow.
            long total = lastNanos + unzigzag(header >>> 1);
            seconds = lastSeconds + Math.floorDiv(total, NANOS_PER_SECOND);
            nanos = Math.floorMod(total, NANOS_PER_SECOND);
        } else if (header == 1) {
            seconds = unzigzag(varLong());
            nanos = varLong();
            if (nanos < 0 || nanos >= NANOS_PER_SECOND) {
                throw new IllegalArgumentException("bad nanoseconds " + nanos);
            }
        } else {
            throw new IllegalArgumentException("bad instant header " + header);
        }
        Instant t = Instant.ofEpochSecond(seconds, nanos);
        lastSeconds = seconds;
        lastNanos = (int) nanos;
        return t;
    }

    long fixed() {
        long header = varLong();
        int k = (int) (header & 15);
        if (k == RAW) {
            if (header != RAW) {
                throw new IllegalArgumentException("bad fixed-point header " + header);
            }
            return unzigzag(varLong());
        }
        return Math.multiplyExact(unzigzag(header >>> 4), POW10[k]);
    }

    String string() {
        long header = varLong();
        if (header == 0) {
            return null;
        }
        long length = header - 1;
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("string of " + Long.toUnsignedString(length) + " bytes with "
                    + in.remaining() + " left");
        }
        int n = (int) length;
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, bytes.length * 2)];
        }
        byte[] b = bytes;
        in.get(b, 0, n);
        int i = 0;
        while (i < n && b[i] >= 0) {
            i++;
        }
        if (i == n) {
            return new String(b, 0, n, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[n];
        int c = 0;
        for (i = 0; i < n;) {
            int b0 = b[i++] & 0xFF;
            if (b0 < 0x80) {
                chars[c++] = (char) b0;
            } else if ((b0 & 0xE0) == 0xC0) {
                chars[c++] = (char) ((b0 & 0x1F) << 6 | continuation(b, i++, n));
            } else if ((b0 & 0xF0) == 0xE0) {
                int high = continuation(b, i++, n);
                chars[c++] = (char) ((b0 & 0x0F) << 12 | high << 6 | continuation(b, i++, n));
            } else {
                throw new IllegalArgumentException("bad UTF-8 lead byte " + b0);
            }
        }
        return new String(chars, 0, c);
    }

    static int continuation(byte[] b, int i, int n) {
        if (i >= n || (b[i] & 0xC0) != 0x80) {
            throw new IllegalArgumentException("bad UTF-8 continuation");
        }
        return b[i] & 0x3F;
    }

    /** A count of entries, each at least one byte: more than the bytes left is corruption, not a big unit. */
    int count(String what) {
        long n = varLong();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException(what + " count " + Long.toUnsignedString(n) + " with "
                    + in.remaining() + " bytes left");
        }
        return (int) n;
    }

    int int32(String what) {
        long v = varLong();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad " + what + " " + Long.toUnsignedString(v));
        }
        return (int) v;
    }

    int ordinal(int size, String what) {
        int b = in.get() & 0xFF;
        if (b >= size) {
            throw new IllegalArgumentException("bad " + what + " ordinal " + b);
        }
        return b;
    }

    int flags(int allowed, String what) {
        int b = in.get() & 0xFF;
        if ((b & ~allowed) != 0) {
            throw new IllegalArgumentException("bad " + what + " flags " + b);
        }
        return b;
    }

    long varLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                if (shift == 63 && b > 1) {
                    throw new IllegalArgumentException("varint beyond 64 bits");
                }
                return v;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    /**
     * The last id of a type read: an id's constructor runs a regex (~100 ns), and a unit repeats its portfolio,
     * instrument and venue.
     */
    private static final class Recent<T> {
        private final Function<String, T> make;
        private final Function<T, String> value;
        private T last;

        Recent(Function<String, T> make, Function<T, String> value) {
            this.make = make;
            this.value = value;
        }

        T of(String text) {
            if (text == null) {
                return null;
            }
            if (last == null || !value.apply(last).equals(text)) {
                last = make.apply(text);
            }
            return last;
        }
    }
}

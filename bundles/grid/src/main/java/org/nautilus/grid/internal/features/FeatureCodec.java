package org.nautilus.grid.internal.features;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.cache.FeatureVector;
import org.nautilus.api.research.cache.PanelState;
import org.nautilus.api.research.cache.StreamState;

/**
 * Feature vectors and stream states as bytes in the cache, so no value class of ours has to be visible to
 * Ignite's class loaders on every node. Doubles are stored as raw bits: a vector read back is the one written,
 * bit for bit.
 */
final class FeatureCodec {

    private static final byte VECTOR = 1;
    private static final byte STATE = 2;
    private static final byte PANEL = 3;

    private FeatureCodec() {
    }

    static byte[] encode(FeatureVector v) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + v.values().length * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VECTOR);
            head(out, v.instrument(), v.bars(), v.library(), v.program());
            instant(out, v.asOf());
            out.writeInt(v.names().size());
            for (String name : v.names()) {
                out.writeUTF(name);
            }
            for (double value : v.values()) {
                out.writeLong(Double.doubleToRawLongBits(value));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] encode(StreamState s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 + s.state().length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(STATE);
            head(out, s.instrument(), s.bars(), s.library(), s.program());
            instant(out, s.lastBar());
            out.writeLong(s.barDigest());
            out.writeLong(s.barCount());
            out.writeInt(s.state().length);
            out.write(s.state());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] encode(PanelState p) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 + 16 * p.universe().size() + p.state().length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(PANEL);
            out.writeUTF(p.bars().toString());
            out.writeUTF(p.library());
            out.writeUTF(p.program());
            out.writeInt(p.universe().size());
            for (InstrumentId instrument : p.universe()) {
                out.writeUTF(instrument.value());
            }
            instant(out, p.lastClosed());
            out.writeLong(p.barDigest());
            out.writeInt(p.state().length);
            out.write(p.state());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static PanelState panel(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            expect(in, PANEL);
            BarSpec bars = BarSpec.parse(in.readUTF());
            String library = in.readUTF();
            String program = in.readUTF();
            int n = in.readInt();
            List<InstrumentId> universe = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                universe.add(InstrumentId.of(in.readUTF()));
            }
            Instant lastClosed = instant(in);
            long barDigest = in.readLong();
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            return new PanelState(bars, library, program, universe, lastClosed, barDigest, state);
        } catch (IOException e) {
            throw new IllegalStateException("a feature cache entry cannot be read: " + e, e);
        }
    }

    static FeatureVector vector(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            expect(in, VECTOR);
            InstrumentId instrument = InstrumentId.of(in.readUTF());
            BarSpec bars = BarSpec.parse(in.readUTF());
            String library = in.readUTF();
            String program = in.readUTF();
            Instant asOf = instant(in);
            int n = in.readInt();
            List<String> names = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                names.add(in.readUTF());
            }
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = Double.longBitsToDouble(in.readLong());
            }
            return new FeatureVector(instrument, bars, library, program, asOf, names, values);
        } catch (IOException e) {
            throw new IllegalStateException("a feature cache entry cannot be read: " + e, e);
        }
    }

    static StreamState state(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            expect(in, STATE);
            InstrumentId instrument = InstrumentId.of(in.readUTF());
            BarSpec bars = BarSpec.parse(in.readUTF());
            String library = in.readUTF();
            String program = in.readUTF();
            Instant lastBar = instant(in);
            long barDigest = in.readLong();
            long barCount = in.readLong();
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            return new StreamState(instrument, bars, library, program, lastBar, barDigest, barCount, state);
        } catch (IOException e) {
            throw new IllegalStateException("a feature cache entry cannot be read: " + e, e);
        }
    }

    private static void head(DataOutputStream out, InstrumentId instrument, BarSpec bars, String library,
            String program) throws IOException {
        out.writeUTF(instrument.value());
        out.writeUTF(bars.toString());
        out.writeUTF(library);
        out.writeUTF(program);
    }

    private static void instant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void expect(DataInputStream in, byte kind) throws IOException {
        byte found = in.readByte();
        if (found != kind) {
            throw new IOException("entry of kind " + found + " where " + kind + " was expected");
        }
    }
}

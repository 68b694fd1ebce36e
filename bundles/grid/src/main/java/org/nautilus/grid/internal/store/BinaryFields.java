package org.nautilus.grid.internal.store;

import java.time.Instant;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;

/** Typed reads and writes of binary fields, with a clear error when stored data does not match the codec. */
public final class BinaryFields {

    private BinaryFields() {
    }

    public static String string(BinaryObject in, String field) {
        return required(in, field, String.class);
    }

    public static long int64(BinaryObject in, String field) {
        return required(in, field, Long.class);
    }

    public static int int32(BinaryObject in, String field) {
        return required(in, field, Integer.class);
    }

    /** An instant exactly (seconds and nanoseconds), as written by {@link #writeInstant}. */
    public static Instant instant(BinaryObject in, String field) {
        return Instant.ofEpochSecond(int64(in, field + "Seconds"), int32(in, field + "Nanos"));
    }

    public static void writeInstant(BinaryObjectBuilder out, String field, Instant value) {
        out.setField(field + "Seconds", value.getEpochSecond(), long.class);
        out.setField(field + "Nanos", value.getNano(), int.class);
    }

    private static <V> V required(BinaryObject in, String field, Class<V> type) {
        Object value = in.field(field);
        if (value == null) {
            throw new IllegalStateException("stored " + in.type().typeName() + " has no field '" + field + "'");
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("stored " + in.type().typeName() + " field '" + field + "' is a "
                    + value.getClass().getSimpleName() + ", expected " + type.getSimpleName());
        }
        return type.cast(value);
    }
}

package org.nautilus.grid.internal.store;

import java.time.Instant;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;

/** Typed reads and writes of binary fields, with a clear error when stored data does not match the codec. */
@SuppressWarnings("unchecked")
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

    /** A field that may be absent: {@code null} then. */
    public static String optString(BinaryObject in, String field) {
        return optional(in, field, String.class);
    }

    public static Long optInt64(BinaryObject in, String field) {
        return optional(in, field, Long.class);
    }

    public static boolean bool(BinaryObject in, String field) {
        Boolean value = optional(in, field, Boolean.class);
        return value != null && value;
    }

    public static long[] int64s(BinaryObject in, String field) {
        long[] value = optional(in, field, long[].class);
        return value == null ? new long[0] : value;
    }

    /** A byte array, empty if absent. */
    public static byte[] bytes(BinaryObject in, String field) {
        byte[] value = optional(in, field, byte[].class);
        return value == null ? new byte[0] : value;
    }

    public static String[] strings(BinaryObject in, String field) {
        String[] value = optional(in, field, String[].class);
        return value == null ? new String[0] : value;
    }

    /** A nested binary object, or {@code null} if absent. */
    public static BinaryObject optObject(BinaryObject in, String field) {
        return optional(in, field, BinaryObject.class);
    }

    public static BinaryObject object(BinaryObject in, String field) {
        return required(in, field, BinaryObject.class);
    }

    /** Sets {@code field} unless {@code value} is {@code null} (an absent field reads back as {@code null}). */
    public static void writeOptional(BinaryObjectBuilder out, String field, Object value, Class<?> type) {
        if (value != null) {
            out.setField(field, value, (Class<Object>) type);
        }
    }

    public static Instant optInstant(BinaryObject in, String field) {
        Long seconds = optional(in, field + "Seconds", Long.class);
        return seconds == null ? null : Instant.ofEpochSecond(seconds, int32(in, field + "Nanos"));
    }

    public static void writeOptionalInstant(BinaryObjectBuilder out, String field, Instant value) {
        if (value != null) {
            writeInstant(out, field, value);
        }
    }

    /** An instant exactly (seconds and nanoseconds), as written by {@link #writeInstant}. */
    public static Instant instant(BinaryObject in, String field) {
        return Instant.ofEpochSecond(int64(in, field + "Seconds"), int32(in, field + "Nanos"));
    }

    public static void writeInstant(BinaryObjectBuilder out, String field, Instant value) {
        out.setField(field + "Seconds", value.getEpochSecond(), long.class);
        out.setField(field + "Nanos", value.getNano(), int.class);
    }

    private static <V> V optional(BinaryObject in, String field, Class<V> type) {
        Object value = in.hasField(field) ? in.field(field) : null;
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("stored " + in.type().typeName() + " field '" + field + "' is a "
                    + value.getClass().getSimpleName() + ", expected " + type.getSimpleName());
        }
        return type.cast(value);
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

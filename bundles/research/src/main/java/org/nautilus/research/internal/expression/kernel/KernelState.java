package org.nautilus.research.internal.expression.kernel;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a kernel's incremental state into bytes and reads it back into a fresh kernel of the same operator, so a
 * stream can be stopped on one node and continued on another with the very values it would have computed.
 *
 * <p>The state of every kernel is its mutable fields: non-final primitives (counts, running sums, compensations,
 * ring positions), the contents of its primitive arrays (ring buffers, sorted windows) and, recursively, the same
 * of its helper objects ({@link SlidingWindow}, {@link KahanSum}, ...). Final primitives and enums are the
 * operator's parameters: the fresh kernel already has them from the program. One generic walk instead of a
 * hand-written codec per kernel means a new kernel cannot forget a field; a field of a kind the walk does not know
 * (a mutable reference) is refused when the plan is built, so the snapshot test fails rather than the resume.
 * Bits are copied exactly ({@code double} as its raw bits, NaN payloads included).
 */
public final class KernelState {

    private static final Map<Class<?>, Plan> PLANS = new ConcurrentHashMap<>();

    private KernelState() {
    }

    /** Appends the kernel's state to {@code out}; {@code out} grows as needed and is returned. */
    public static ByteBuffer write(Kernel kernel, ByteBuffer out) {
        return plan(kernel.getClass()).write(kernel, out);
    }

    /**
     * Reads a state written by {@link #write} into {@code kernel}, a fresh kernel of the same class and parameters.
     *
     * @throws IllegalArgumentException if the bytes do not fit the kernel (another operator or window size)
     */
    public static void read(Kernel kernel, ByteBuffer in) {
        plan(kernel.getClass()).read(kernel, in);
    }

    /** A buffer with room for {@code more} bytes after its position (a copy when it had to grow). */
    public static ByteBuffer room(ByteBuffer out, int more) {
        if (out.remaining() >= more) {
            return out;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more + 1024));
        out.flip();
        bigger.put(out);
        return bigger;
    }

    private static Plan plan(Class<?> type) {
        return PLANS.computeIfAbsent(type, Plan::of);
    }

    /** The mutable fields of one class, in name order, and how to copy each. */
    private record Plan(Class<?> type, Field[] primitives, Field[] arrays, Field[] helpers) {

        static Plan of(Class<?> type) {
            List<Field> primitives = new ArrayList<>();
            List<Field> arrays = new ArrayList<>();
            List<Field> helpers = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (Modifier.isStatic(modifiers) || field.isSynthetic()) {
                        continue;
                    }
                    Class<?> t = field.getType();
                    boolean isFinal = Modifier.isFinal(modifiers);
                    if (t.isPrimitive()) {
                        if (!isFinal) {
                            primitives.add(field);
                        }
                    } else if (t.isArray() && t.getComponentType().isPrimitive()) {
                        arrays.add(field);
                    } else if (t.isEnum() && isFinal) {
                        continue; // the operator's parameter
                    } else if (isFinal && t.getPackage() == KernelState.class.getPackage() && !t.isInterface()) {
                        helpers.add(field);
                    } else {
                        throw new IllegalStateException("kernel state: " + type.getName() + "." + field.getName()
                                + " (" + t.getName() + ") is neither a primitive, a primitive array nor a helper of"
                                + " the kernel package; teach KernelState to copy it");
                    }
                }
            }
            Comparator<Field> byName = Comparator.comparing(f -> f.getDeclaringClass().getName() + "." + f.getName());
            for (List<Field> list : List.of(primitives, arrays, helpers)) {
                list.sort(byName);
                list.forEach(f -> f.setAccessible(true));
            }
            return new Plan(type, primitives.toArray(Field[]::new), arrays.toArray(Field[]::new),
                    helpers.toArray(Field[]::new));
        }

        ByteBuffer write(Object target, ByteBuffer out) {
            try {
                out = room(out, 8 * primitives.length);
                for (Field f : primitives) {
                    Class<?> t = f.getType();
                    if (t == double.class) {
                        out.putLong(Double.doubleToRawLongBits(f.getDouble(target)));
                    } else if (t == long.class) {
                        out.putLong(f.getLong(target));
                    } else if (t == int.class) {
                        out.putInt(f.getInt(target));
                    } else if (t == boolean.class) {
                        out.put((byte) (f.getBoolean(target) ? 1 : 0));
                    } else {
                        throw new IllegalStateException("kernel state: no codec for " + t + " " + f);
                    }
                }
                for (Field f : arrays) {
                    Object array = f.get(target);
                    if (array instanceof double[] a) {
                        out = room(out, 4 + 8 * a.length);
                        out.putInt(a.length);
                        for (double v : a) {
                            out.putLong(Double.doubleToRawLongBits(v));
                        }
                    } else if (array instanceof long[] a) {
                        out = room(out, 4 + 8 * a.length);
                        out.putInt(a.length);
                        for (long v : a) {
                            out.putLong(v);
                        }
                    } else if (array instanceof int[] a) {
                        out = room(out, 4 + 4 * a.length);
                        out.putInt(a.length);
                        for (int v : a) {
                            out.putInt(v);
                        }
                    } else {
                        throw new IllegalStateException("kernel state: no codec for " + f);
                    }
                }
                for (Field f : helpers) {
                    Object helper = f.get(target);
                    if (helper != null) { // null by the operator's parameters (Cov keeps no deviations): so in the fresh one
                        out = PLANS.computeIfAbsent(helper.getClass(), Plan::of).write(helper, out);
                    }
                }
                return out;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("kernel state: cannot read " + type.getName(), e);
            }
        }

        void read(Object target, ByteBuffer in) {
            try {
                for (Field f : primitives) {
                    Class<?> t = f.getType();
                    if (t == double.class) {
                        f.setDouble(target, Double.longBitsToDouble(in.getLong()));
                    } else if (t == long.class) {
                        f.setLong(target, in.getLong());
                    } else if (t == int.class) {
                        f.setInt(target, in.getInt());
                    } else {
                        f.setBoolean(target, in.get() != 0);
                    }
                }
                for (Field f : arrays) {
                    Object array = f.get(target);
                    int length = in.getInt();
                    if (length != Array.getLength(array)) {
                        throw new IllegalArgumentException("kernel state of " + type.getSimpleName() + "." + f.getName()
                                + " has " + length + " elements where the kernel has "
                                + Array.getLength(array) + ": not this operator's state");
                    }
                    if (array instanceof double[] a) {
                        for (int i = 0; i < length; i++) {
                            a[i] = Double.longBitsToDouble(in.getLong());
                        }
                    } else if (array instanceof long[] a) {
                        for (int i = 0; i < length; i++) {
                            a[i] = in.getLong();
                        }
                    } else {
                        int[] a = (int[]) array;
                        for (int i = 0; i < length; i++) {
                            a[i] = in.getInt();
                        }
                    }
                }
                for (Field f : helpers) {
                    Object helper = f.get(target);
                    if (helper != null) {
                        PLANS.computeIfAbsent(helper.getClass(), Plan::of).read(helper, in);
                    }
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("kernel state: cannot write " + type.getName(), e);
            }
        }
    }
}

package org.nautilus.grid.internal.store;

import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;

/**
 * Explicit mapping between a value (usually a record) and an Ignite {@link BinaryObject}. Ignite's reflective
 * binary marshaller cannot set the final fields of records on Java 17, and the platform's classes live in other
 * bundles, so everything kept in the grid goes through a codec instead: the stored form is a named binary type
 * with primitive and string fields, readable without any of our classes.
 *
 * <p>Evolving a type: add fields (old entries read them as absent and the codec supplies a default); never change
 * a field's type or reuse a name, Ignite refuses a type whose field types differ from the stored metadata.
 */
public interface BinaryCodec<T> {

    /** Binary type name, e.g. {@code nautilus.Position}; never a Java class name, so nothing deserializes it. */
    String typeName();

    /** Writes {@code value}'s fields into a fresh builder of {@link #typeName()}. */
    void write(T value, BinaryObjectBuilder out);

    /**
     * Reads a value written by {@link #write}.
     *
     * @throws IllegalStateException if a required field is missing or has the wrong type
     */
    T read(BinaryObject in);
}

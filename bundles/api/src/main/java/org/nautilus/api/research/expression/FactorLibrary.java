package org.nautilus.api.research.expression;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A family of factor definitions (e.g. Qlib's Alpha158), published by a plugin as an OSGi service with the
 * property {@code factor.library=<name>}. Definitions may refer to each other, and to definitions of other
 * libraries, by name.
 */
@ConsumerType
public interface FactorLibrary {

    /** Service property carrying the library name. */
    String LIBRARY_PROPERTY = "factor.library";

    /** Stable name, e.g. {@code alpha158}. */
    String name();

    /** The definitions, in the order they should be listed; names are unique within the library. */
    List<FactorDefinition> definitions();
}

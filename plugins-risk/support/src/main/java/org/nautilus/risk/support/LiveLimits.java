package org.nautilus.risk.support;

import java.util.Optional;
import java.util.function.Supplier;
import org.nautilus.api.audit.ConfigurationCheck.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a rule that keeps its own limits (rather than extending {@link ConfiguredRule}) takes a configuration
 * edit: valid limits replace the ones in force; invalid ones are logged and change nothing, and the audit journal's
 * question "would these be refused?" is answered by the same parser.
 */
public final class LiveLimits {

    private static final Logger LOG = LoggerFactory.getLogger(LiveLimits.class);

    private LiveLimits() {
    }

    /**
     * The limits to keep after an edit: the parsed ones, or {@code current} when the parser refuses them
     * ({@link IllegalArgumentException}), logged with what stays in force.
     */
    public static <L> L apply(String rule, L current, Supplier<L> parser, Supplier<String> inForce) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            LOG.error("Risk rule '{}': invalid configuration, the limits in force stay ({}): {}", rule, inForce.get(),
                    e.getMessage());
            return current;
        }
    }

    /** For {@link org.nautilus.api.audit.ConfigurationCheck#check}: why the parser would refuse, and what stays. */
    public static Optional<Refusal> refusal(Supplier<?> parser, Supplier<String> inForce) {
        try {
            parser.get();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(new Refusal(e.getMessage(), inForce.get()));
        }
    }
}

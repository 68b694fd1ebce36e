package org.nautilus.api.audit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A consumer's verdict on new properties of its configuration PID, without applying them. The audit journal asks
 * before it records a change, so that an entry says when a value was refused, why, and what stays in force (a risk
 * limit set to -5 is refused and the old limit kept). Registered as a service with {@link #PID} naming the PID.
 */
@ConsumerType
public interface ConfigurationCheck {

    /** Service property: the configuration PID this check is for. */
    String PID = "nautilus.config.pid";

    /** Why {@code properties} would be refused, or empty if they would take effect. */
    Optional<Refusal> check(Map<String, Object> properties);

    /**
     * @param reason  why, naming the key and value ({@code max.quantity = '-5': must be positive})
     * @param inForce what stays in force instead ({@code max order quantity 1000})
     */
    record Refusal(String reason, String inForce) {

        public Refusal {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(inForce, "inForce");
        }
    }
}

package org.nautilus.grid.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reason an OMS failed to start, as the status shows it: the deepest cause of SCR's stack trace. */
class ActivationFailureTest {

    @Test
    void the_deepest_cause_of_a_failed_activation_names_what_went_wrong() {
        String trace = """
                java.lang.reflect.InvocationTargetException
                \tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)
                Caused by: org.nautilus.api.store.StoreException: could not read the orders
                \t... 12 more
                Caused by: org.apache.ignite.internal.processors.cache.CacheInvalidStateException: Failed to execute \
                query because cache partition has been lostParts [cacheName=orders, part=4]
                \t... 82 more
                """;
        assertThat(ClusterComponent.rootCause(trace)).isEqualTo("org.apache.ignite.internal.processors.cache."
                + "CacheInvalidStateException: Failed to execute query because cache partition has been lostParts "
                + "[cacheName=orders, part=4]");
        assertThat(ClusterComponent.rootCause("java.lang.IllegalStateException: no risk\n\tat x.y(Z.java:1)"))
                .isEqualTo("java.lang.IllegalStateException: no risk");
        assertThat(ClusterComponent.rootCause(null)).isEqualTo("no reason given");
    }
}

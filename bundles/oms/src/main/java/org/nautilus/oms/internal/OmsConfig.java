package org.nautilus.oms.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the OMS, PID {@code nautilus.oms} ({@code etc/nautilus.oms.cfg}). */
@ObjectClassDefinition(name = "Nautilus OMS", description = "Order management system and execution engine")
public @interface OmsConfig {

    @AttributeDefinition(name = "Partitions", min = "1", max = "64",
            description = "Number of single-writer partitions the portfolios are spread over (read at start)")
    int partitions() default 4;

    @AttributeDefinition(name = "Default venue", required = false,
            description = "Venue id for orders that name none; empty: the first registered venue by id")
    String default_venue() default "";
}

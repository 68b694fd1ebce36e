package org.nautilus.oms.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the OMS and execution engine, PID {@code nautilus.oms} ({@code etc/nautilus.oms.cfg}). */
@ObjectClassDefinition(name = "Nautilus OMS", description = "Order management system, execution engine and "
        + "smart order router")
public @interface OmsConfig {

    @AttributeDefinition(name = "Partitions", min = "1", max = "64", description = "Number of single-writer partitions the portfolios are spread over (read at start)")
    int partitions() default 4;

    @AttributeDefinition(name = "Router", options = {
            @Option(label = "smart", value = "smart"),
            @Option(label = "direct", value = "direct")}, description = "smart: by price, liquidity, fees, fill rate and size, splitting large orders; "
                    + "direct: the default venue, else the first registered venue")
    String router() default "smart";

    @AttributeDefinition(name = "Default venue", required = false, description = "Venue id preferred when nothing else decides (direct router: where every order goes)")
    String default_venue() default "";

    @AttributeDefinition(name = "Split orders", description = "Whether the smart router may split an order")
    boolean router_split() default true;

    @AttributeDefinition(name = "Minimum split quantity", description = "Orders below this quantity are never split (0: any order)")
    String router_min_split_quantity() default "0";

    @AttributeDefinition(name = "Book depth", min = "1", max = "100", description = "Book levels per venue the smart router looks at")
    int router_depth_levels() default 10;

    @AttributeDefinition(name = "Decisions kept", min = "1", description = "How many recent routing decisions are kept for queries")
    int router_decisions_kept() default 1000;

    @AttributeDefinition(name = "Finished orders kept", min = "1", description = "How many finished orders stay in memory (and idempotent by client order id)")
    int orders_retained() default 100_000;

    @AttributeDefinition(name = "Finished orders kept with their history", min = "1", description = "Of the finished orders kept, how many keep their events and fills in memory; the "
            + "others are kept compact (final state only) and their history is read from the store")
    int orders_retained_history() default 1000;

    @AttributeDefinition(name = "Reconciliation position tolerance", description = "The largest difference per instrument between a venue's position and the OMS's fills "
            + "there that is only reported; a larger one blocks the venue for new orders until acknowledged "
            + "(nautilus:reconcile --ack VENUE)")
    String reconcile_position_tolerance() default "0";
}

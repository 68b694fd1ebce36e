package org.nautilus.fix.gateway.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/nautilus.fix.gateway.cfg: where the session settings and the message store are. */
@ObjectClassDefinition(name = "Nautilus FIX gateway", description = "FIX order-entry acceptor and drop copies")
@interface GatewayConfig {

    String PID = "nautilus.fix.gateway";

    @AttributeDefinition(description = "QuickFIX/J session settings (acceptor port, sessions, our per-session keys); "
            + "relative to the Karaf home")
    String settings() default "etc/fix/gateway.cfg";

    @AttributeDefinition(description = "Where QuickFIX/J's FileStore keeps sequence numbers and sent messages, when "
            + "the settings file names no FileStorePath; relative to the Karaf data directory")
    String store() default "fix/gateway";

    @AttributeDefinition(description = "Capacity of the queue of OMS events waiting to become execution reports")
    int subscriber_queue_size() default 200_000;
}

package org.nautilus.fix.gateway.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** etc/nautilus.fix.gateway.cfg: where the session settings and the message store are. */
@ObjectClassDefinition(name = "Nautilus FIX gateway", description = "FIX order-entry acceptor and drop copies")
@interface GatewayConfig {

    String PID = "nautilus.fix.gateway";

    @AttributeDefinition(description = "QuickFIX/J session settings (acceptor port, sessions, our per-session keys); "
            + "relative to the Karaf home")
    String settings() default "etc/fix/gateway.cfg";

    @AttributeDefinition(description = "Where sessions' sequence numbers and sent messages are kept: file = "
            + "QuickFIX/J's FileStore under data/ (this node only: a restart resumes the sessions); grid = the "
            + "cluster's replicated store (a client reconnecting to another node after a failover resumes its "
            + "session; the acceptor starts once the grid's store is up, and sessions refresh their state on Logon)", options = {
                    @Option(value = "file"), @Option(value = "grid")})
    String session_store() default "file";

    @AttributeDefinition(description = "Where QuickFIX/J's FileStore keeps sequence numbers and sent messages, when "
            + "the settings file names no FileStorePath; relative to the Karaf data directory")
    String store() default "fix/gateway";

    @AttributeDefinition(description = "Capacity of the queue of OMS events waiting to become execution reports")
    int subscriber_queue_size() default 200_000;
}

package org.nautilus.access.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/nautilus.access.cfg: how HTTP users authenticate. */
@ObjectClassDefinition(name = "Nautilus HTTP access", description = "JAAS realm and bearer tokens for /api/v1")
public @interface AccessConfig {

    String PID = "nautilus.access";

    @AttributeDefinition(description = "JAAS realm checked by HTTP Basic (Karaf's 'karaf': etc/users.properties)")
    String realm() default "karaf";

    @AttributeDefinition(description = "How long a bearer token from POST /api/v1/tokens is valid (ISO-8601)")
    String token_lifetime() default "PT8H";

    @AttributeDefinition(description = "Base64 HMAC secret (32+ bytes) signing tokens; empty: one generated at first "
            + "start and kept in the data directory. Give every node of a cluster the same one.")
    String token_secret() default "";
}

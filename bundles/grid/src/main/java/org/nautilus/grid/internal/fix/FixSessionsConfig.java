package org.nautilus.grid.internal.fix;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code nautilus.fix.sessions} (optional): the grid's store of FIX session state. */
@ObjectClassDefinition(name = "Nautilus FIX session store (Ignite)", description = "Sequence numbers and sent messages of FIX sessions, replicated on the grid")
public @interface FixSessionsConfig {

    String PID = "nautilus.fix.sessions";

    @AttributeDefinition(name = "Retained messages per session", min = "1", description = "How many of a session's latest sent messages are kept for resends; a ResendRequest for "
            + "older ones is answered with a SequenceReset-GapFill. Lowering it leaves messages already past the "
            + "new bound until the session resets.")
    int retained_messages() default 100_000;
}

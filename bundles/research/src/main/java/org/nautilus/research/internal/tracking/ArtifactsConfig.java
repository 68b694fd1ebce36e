package org.nautilus.research.internal.tracking;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@value #PID}: the file artifact store. */
@ObjectClassDefinition(name = "Nautilus artifact store (files)", description = "Run artifacts as files under a "
        + "directory: one node's, or a volume shared by every node.")
public @interface ArtifactsConfig {

    String PID = "nautilus.artifacts";

    @AttributeDefinition(name = "Root", description = "Directory of the stored artifacts (ROOT/RUN/NAME); "
            + "${karaf.data} and ${karaf.home} are replaced.")
    String root() default "${karaf.data}/artifact-store";
}

package org.nautilus.research.internal.tracking;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@value #PID}: tracking, registry and serving. */
@ObjectClassDefinition(name = "Nautilus models", description = "Experiment tracking, model registry and serving.")
public @interface ModelsConfig {

    String PID = "nautilus.models";

    @AttributeDefinition(name = "Artifacts", description = "Directory of run artifacts (model files, reports); "
            + "${karaf.data} and ${karaf.home} are replaced.")
    String artifacts_directory() default "${karaf.data}/models";

    @AttributeDefinition(name = "Served aliases", description = "Aliases served as signals; the first is the live "
            + "one, the others score in shadow.")
    String[] serving_aliases() default {"champion", "challenger"};

    @AttributeDefinition(name = "Serving grace (ms)", description = "How long after the first instrument of a bar "
            + "close arrived the close is scored without the instruments still missing (the batch names them).")
    long serving_grace_ms() default 2000;
}

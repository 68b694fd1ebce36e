package org.nautilus.routes.internal.runtime;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Nautilus routes", description = "The Camel runtime: where route files are read from and how often they are checked.")
@interface RoutesConfig {

    @AttributeDefinition(description = "Directory of the route files (*.yaml, *.yml, *.xml); empty: ${karaf.etc}/routes")
    String routes_directory() default "";

    @AttributeDefinition(description = "How often the directory is checked for added, changed and removed files, in ms")
    long poll_interval() default 1000;
}

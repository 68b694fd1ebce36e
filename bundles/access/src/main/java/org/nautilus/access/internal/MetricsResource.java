package org.nautilus.access.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.core.Response;
import org.nautilus.api.metrics.MetricsService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /metrics}: the node's series in the Prometheus text format (role viewer, like every read). */
@Component(service = MetricsResource.class, property = {"osgi.jaxrs.resource=true", "osgi.jaxrs.name=nautilus.metrics"})
@Path("metrics")
public final class MetricsResource {

    private final MetricsService metrics;

    @Activate
    public MetricsResource(@Reference MetricsService metrics) {
        this.metrics = metrics;
    }

    @GET
    public Response scrape() {
        return Response.ok(metrics.scrape(), MetricsService.CONTENT_TYPE).build();
    }
}

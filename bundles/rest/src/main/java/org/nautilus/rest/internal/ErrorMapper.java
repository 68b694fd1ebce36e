package org.nautilus.rest.internal;

import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure of every resource into the one error shape ({@link ApiError}): the API's own refusals,
 * JAX-RS's (unknown path, wrong method), an OMS that cannot be reached, and programming errors (logged, 500).
 */
@Component(service = ExceptionMapper.class, property = {"osgi.jaxrs.extension=true", "osgi.jaxrs.name=nautilus.errors"})
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable failure) {
        return response(error(failure));
    }

    static Response response(ApiError error) {
        return Response.status(error.status()).type(Json.MEDIA_TYPE).entity(Json.write(error)).build();
    }

    static ApiError error(Throwable failure) {
        if (failure instanceof ApiException refused) {
            return refused.error();
        }
        if (failure instanceof OrderServiceUnavailableException unavailable) {
            return ApiError.of(503, "OMS_UNAVAILABLE", unavailable.getMessage(), null);
        }
        if (failure instanceof NotFoundException) {
            return ApiError.of(404, "NOT_FOUND", "no such resource; the API is described at /api/v1/openapi.json",
                    null);
        }
        if (failure instanceof NotAllowedException notAllowed) {
            return ApiError.of(405, "METHOD_NOT_ALLOWED", "this resource answers "
                    + notAllowed.getResponse().getAllowedMethods(), null);
        }
        if (failure instanceof NotSupportedException) {
            return ApiError.of(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as " + Json.MEDIA_TYPE, null);
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return ApiError.of(status, "HTTP_" + status, String.valueOf(web.getMessage()), null);
        }
        if (failure instanceof IllegalArgumentException invalid) {
            return ApiError.of(400, "INVALID_REQUEST", invalid.getMessage(), null);
        }
        LOG.error("HTTP request failed", failure);
        return ApiError.of(500, "INTERNAL_ERROR", "the server failed: " + failure + " (logged)", null);
    }
}

package org.nautilus.access.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Guards every JAX-RS application of the whiteboard (ours and the REST API's, without edits to their resources):
 * before matching, so an unknown path without credentials is a 401 and reveals nothing. 401 for missing or wrong
 * credentials and expired tokens, 403 for a missing role, both with the API's error body and nothing changed; the
 * resources get the user in their {@code SecurityContext}. Every write that passed is recorded in the audit journal
 * with the user and channel HTTP, by a thread of its own right after the response (durable a moment later, many in
 * one write); refused attempts too, at most {@link AuditRecorder#REFUSALS_PER_SECOND} a second.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class}, property = {
        "osgi.jaxrs.extension=true",
        "osgi.jaxrs.name=nautilus.access",
        "osgi.jaxrs.application.select=(osgi.jaxrs.name=*)"})
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AccessFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IDENTITY = AccessFilter.class.getName() + ".identity";

    private final AccessControl access;
    private final AuditRecorder recorder;

    @Activate
    public AccessFilter(@Reference AccessService service) {
        this.access = service.control();
        this.recorder = service.recorder();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        String path = "/" + stripLeadingSlashes(request.getUriInfo().getRequestUri().getPath());
        AccessControl.Decision decision = access.decide(method, path,
                request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (decision instanceof AccessControl.Unauthenticated refused) {
            // A page's script (X-Requested-With) gets no Basic challenge: browsers answer one with their own dialog.
            boolean script = "XMLHttpRequest".equalsIgnoreCase(request.getHeaderString("X-Requested-With"));
            recorder.refused(null, method, path, 401, refused.reason());
            request.abortWith(error(Response.Status.UNAUTHORIZED, "UNAUTHENTICATED", refused.reason())
                    .header(HttpHeaders.WWW_AUTHENTICATE, script ? "Bearer realm=\"nautilus\""
                            : "Basic realm=\"nautilus\", Bearer realm=\"nautilus\"")
                    .build());
        } else if (decision instanceof AccessControl.Forbidden forbidden) {
            recorder.refused(forbidden.identity().user(), method, path, 403, forbidden.reason());
            request.abortWith(error(Response.Status.FORBIDDEN, "FORBIDDEN", forbidden.reason()).build());
        } else if (decision instanceof AccessControl.Allowed allowed) {
            request.setProperty(IDENTITY, allowed.identity());
            request.setSecurityContext(context(allowed, request.getSecurityContext()));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object identity = request.getProperty(IDENTITY);
        if (!(identity instanceof Identity user) || RoleTable.isRead(request.getMethod())) {
            return;
        }
        String path = "/" + stripLeadingSlashes(request.getUriInfo().getRequestUri().getPath());
        if (path.equals("/api/v1/tokens")) {
            return;
        }
        // An asynchronous resource (order submission) resumes on another thread: the journal's write happens on
        // the recorder's thread, batched with whatever else is waiting, never on this one.
        recorder.action(user.user(), request.getMethod(), path, response.getStatus());
    }

    /** The error body of the REST API: status, stable code, message, offending field. */
    static Response.ResponseBuilder error(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(errorBody(status.getStatusCode(), code, message));
    }

    /** The error body of the REST API: status, stable code, message, offending field. */
    static String errorBody(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("code", code);
        body.put("message", message);
        body.put("field", null);
        return json(body);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private static String stripLeadingSlashes(String path) {
        int i = 0;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        return path.substring(i);
    }

    private static SecurityContext context(AccessControl.Allowed allowed, SecurityContext original) {
        Principal principal = new IdentityPrincipal(allowed.identity());
        boolean secure = original != null && original.isSecure();
        String scheme = allowed.scheme().equals("Basic") ? SecurityContext.BASIC_AUTH : "BEARER";
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return allowed.identity().has(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return scheme;
            }
        };
    }
}

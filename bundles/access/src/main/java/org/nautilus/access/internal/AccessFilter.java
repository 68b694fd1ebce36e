package org.nautilus.access.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.nautilus.api.audit.Actor;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.audit.Channel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards every JAX-RS application of the whiteboard (ours and the REST API's, without edits to their resources):
 * before matching, so an unknown path without credentials is a 401 and reveals nothing. 401 for missing or wrong
 * credentials and expired tokens, 403 for a missing role, both with the API's error body and nothing changed; the
 * resources get the user in their {@code SecurityContext}. Every write that passed is recorded in the audit journal
 * with the user and channel HTTP, by a thread of its own right after the response (durable a moment later).
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class}, property = {
    "osgi.jaxrs.extension=true",
    "osgi.jaxrs.name=nautilus.access",
    "osgi.jaxrs.application.select=(osgi.jaxrs.name=*)"})
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AccessFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AccessFilter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IDENTITY = AccessFilter.class.getName() + ".identity";

    /** HTTP writes waiting to be recorded; past this the newest are counted and logged, never waited for. */
    static final int RECORDER_QUEUE = 10_000;

    private final AccessControl access;
    private volatile AuditService audit;
    private final ThreadPoolExecutor recorder = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(RECORDER_QUEUE), r -> {
                Thread t = new Thread(r, "nautilus-http-audit");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());
    private final AtomicLong unrecorded = new AtomicLong();

    @Activate
    public AccessFilter(@Reference AccessService service) {
        this.access = service.control();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setAudit(AuditService service) {
        audit = service;
    }

    void unsetAudit(AuditService service) {
        if (audit == service) {
            audit = null;
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        String path = "/" + stripLeadingSlashes(request.getUriInfo().getRequestUri().getPath());
        AccessControl.Decision decision = access.decide(method, path, request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (decision instanceof AccessControl.Unauthenticated refused) {
            // A page's script (X-Requested-With) gets no Basic challenge: browsers answer one with their own dialog.
            boolean script = "XMLHttpRequest".equalsIgnoreCase(request.getHeaderString("X-Requested-With"));
            request.abortWith(error(Response.Status.UNAUTHORIZED, "UNAUTHENTICATED", refused.reason())
                    .header(HttpHeaders.WWW_AUTHENTICATE, script ? "Bearer realm=\"nautilus\""
                            : "Basic realm=\"nautilus\", Bearer realm=\"nautilus\"").build());
        } else if (decision instanceof AccessControl.Forbidden forbidden) {
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
        String method = request.getMethod();
        int status = response.getStatus();
        // An asynchronous resource (order submission) resumes on the OMS's completion thread: the journal's write,
        // durable when it returns, happens on the recorder's thread instead, never on that one.
        try {
            recorder.execute(() -> record(user, method, path, status));
        } catch (RejectedExecutionException full) {
            long dropped = unrecorded.incrementAndGet();
            if (Long.bitCount(dropped) == 1) {
                LOG.error("audit: {} HTTP action(s) not recorded, the recorder is {} behind (latest: {} {} by {})",
                        dropped, RECORDER_QUEUE, method, path, user.user());
            }
        }
    }

    private void record(Identity user, String method, String path, int status) {
        AuditService journal = audit;
        if (journal == null) {
            LOG.warn("audit journal unavailable: {} {} by {}@HTTP not recorded", method, path, user.user());
            return;
        }
        try {
            journal.record(Actor.of(user.user(), Channel.HTTP), method, path, null,
                    method + " " + path + " -> " + status, Map.of("status", Integer.toString(status)));
        } catch (RuntimeException e) {
            LOG.error("audit: {} {} by {}@HTTP could not be recorded: {}", method, path, user.user(), e.toString());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        recorder.shutdown();
        if (!recorder.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("audit: {} HTTP action(s) still queued at shutdown were not recorded", recorder.shutdownNow().size());
        }
    }

    /** The error body of the REST API: status, stable code, message, offending field. */
    static Response.ResponseBuilder error(Response.Status status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.getStatusCode());
        body.put("code", code);
        body.put("message", message);
        body.put("field", null);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json(body));
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

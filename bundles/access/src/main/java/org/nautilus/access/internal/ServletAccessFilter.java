package org.nautilus.access.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Guards what the HTTP Whiteboard serves in front of JAX-RS (order entry: {@code POST /api/v1/orders} and
 * {@code :batch}, served by the REST bundle's servlet filter): the same decision, role table, error bodies and audit
 * as {@link AccessFilter}, which never sees these requests. Ranked above the order entry filter, so it runs first;
 * the request goes on carrying the user ({@code getUserPrincipal}, {@code isUserInRole}). Reads of the same paths
 * (the blotter) pass on untouched to JAX-RS, where {@link AccessFilter} decides them.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.name=nautilus.access.servlet",
        "osgi.http.whiteboard.filter.pattern=/api/v1/orders",
        "osgi.http.whiteboard.filter.pattern=/api/v1/orders:batch",
        "osgi.http.whiteboard.filter.asyncSupported=true",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=*)",
        "service.ranking:Integer=1000"})
public final class ServletAccessFilter implements Filter {

    private final AccessControl access;
    private final AuditRecorder recorder;

    @Activate
    public ServletAccessFilter(@Reference AccessService service) {
        this.access = service.control();
        this.recorder = service.recorder();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();
        if (RoleTable.isRead(method)) {
            chain.doFilter(req, res);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        AccessControl.Decision decision = access.decide(method, path, request.getHeader("Authorization"));
        if (decision instanceof AccessControl.Unauthenticated refused) {
            boolean script = "XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"));
            recorder.refused(null, method, path, 401, refused.reason());
            response.setHeader("WWW-Authenticate", script ? "Bearer realm=\"nautilus\""
                    : "Basic realm=\"nautilus\", Bearer realm=\"nautilus\"");
            refuse(response, 401, "UNAUTHENTICATED", refused.reason());
        } else if (decision instanceof AccessControl.Forbidden forbidden) {
            recorder.refused(forbidden.identity().user(), method, path, 403, forbidden.reason());
            refuse(response, 403, "FORBIDDEN", forbidden.reason());
        } else if (decision instanceof AccessControl.Allowed allowed) {
            Identity user = allowed.identity();
            Audited audited = new Audited(request, allowed, response, path);
            chain.doFilter(audited, res);
            if (!audited.async) {
                recorder.action(user.user(), method, path, response.getStatus());
            }
        } else {
            chain.doFilter(req, res);
        }
    }

    private static void refuse(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        byte[] body = AccessFilter.errorBody(status, code, message).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The request as the user made it: who and which roles; an asynchronous answer is recorded when it has been
     * written (its status known), from the listener, never by waiting here.
     */
    private final class Audited extends HttpServletRequestWrapper {
        private final AccessControl.Allowed allowed;
        private final Principal principal;
        private final HttpServletResponse response;
        private final String path;
        private boolean async;

        Audited(HttpServletRequest request, AccessControl.Allowed allowed, HttpServletResponse response, String path) {
            super(request);
            this.allowed = allowed;
            this.principal = new IdentityPrincipal(allowed.identity());
            this.response = response;
            this.path = path;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return allowed.identity().user();
        }

        @Override
        public boolean isUserInRole(String role) {
            return allowed.identity().has(role);
        }

        @Override
        public String getAuthType() {
            return allowed.scheme().equals("Basic") ? HttpServletRequest.BASIC_AUTH : "BEARER";
        }

        @Override
        public AsyncContext startAsync() {
            AsyncContext context = super.startAsync();
            async = true;
            String user = allowed.identity().user();
            String method = getMethod();
            context.addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    recorder.action(user, method, path, response.getStatus());
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                }

                @Override
                public void onError(AsyncEvent event) {
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                }
            });
            return context;
        }
    }
}

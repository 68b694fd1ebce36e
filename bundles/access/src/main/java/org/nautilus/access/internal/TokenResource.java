package org.nautilus.access.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code POST /api/v1/tokens} with HTTP Basic: a bearer token for the user, with its roles, valid for
 * {@code token.lifetime}. A token cannot renew itself: the password is asked again when it expires.
 */
@Component(service = TokenResource.class, property = {"osgi.jaxrs.resource=true", "osgi.jaxrs.name=nautilus.tokens"})
@Path("api/v1/tokens")
public final class TokenResource {

    private final Tokens tokens;

    @Activate
    public TokenResource(@Reference AccessService service) {
        this.tokens = service.control().tokens();
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue(@Context SecurityContext security) {
        if (!(security.getUserPrincipal() instanceof IdentityPrincipal principal)) {
            return AccessFilter.error(Response.Status.UNAUTHORIZED, "UNAUTHENTICATED", "log in with HTTP Basic")
                    .build();
        }
        if (!SecurityContext.BASIC_AUTH.equals(security.getAuthenticationScheme())) {
            return AccessFilter.error(Response.Status.UNAUTHORIZED, "UNAUTHENTICATED",
                    "a token is issued for a user name and password (HTTP Basic), not for another token").build();
        }
        Tokens.Valid token = tokens.issue(principal.identity());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", tokens.encode(token));
        body.put("tokenType", "Bearer");
        body.put("expiresAt", token.expiresAt().toString());
        body.put("user", principal.getName());
        body.put("roles", principal.identity().roles().stream().sorted().toList());
        return Response.ok(AccessFilter.json(body), MediaType.APPLICATION_JSON_TYPE).build();
    }
}

package org.nautilus.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import org.junit.jupiter.api.Test;

/**
 * The REST bundle's OpenAPI document (one document for the node's whole API) against this bundle: the operations it
 * serves (tokens, /metrics) are documented and nothing documented as served here is missing, and every operation's
 * {@code x-required-role} and {@code security} say what the {@link RoleTable} really enforces.
 */
class AccessOpenApiTest {

    /** The document's source in the reactor (the REST bundle serves it; its own test checks its operations). */
    private static final Path DOCUMENT = Path.of("..", "rest", "src", "main", "resources", "api", "openapi.json");
    private static final List<Class<?>> API_RESOURCES = List.of(TokenResource.class, MetricsResource.class);

    private final JsonNode doc = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Files.readString(DOCUMENT));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DOCUMENT.toAbsolutePath(), e);
        }
    }

    @Test
    void theOperationsServedHereAreDocumentedAndNoMore() {
        TreeSet<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            path.getValue().properties().stream()
                    .filter(op -> op.getValue().path("x-served-by").asText().equals("nautilus-access"))
                    .forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        TreeSet<String> implemented = new TreeSet<>();
        for (Class<?> resource : API_RESOURCES) {
            String base = "/" + resource.getAnnotation(javax.ws.rs.Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "GET"
                        : method.isAnnotationPresent(POST.class) ? "POST" : null;
                if (verb != null) {
                    javax.ws.rs.Path sub = method.getAnnotation(javax.ws.rs.Path.class);
                    implemented.add(verb + " " + (sub == null ? base : base + "/" + sub.value()));
                }
            }
        }
        // The desk page's static files are a web page, not API: not in the document.
        assertThat(implemented).isEqualTo(documented).contains("POST /api/v1/tokens", "GET /metrics");
    }

    @Test
    void everyOperationNamesTheRoleTheFilterEnforces() {
        RoleTable table = new RoleTable(RoleTable.DEFAULT);
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            // A concrete path for a template: each {parameter} as one segment.
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase(Locale.ROOT);
                String enforced = table.required(method, concrete).orElseThrow();
                assertThat(op.getValue().path("x-required-role").asText())
                        .as(method + " " + path.getKey() + " x-required-role").isEqualTo(enforced);
                JsonNode security = op.getValue().get("security");
                boolean open = security != null && security.isEmpty();
                assertThat(open).as(method + " " + path.getKey() + " open (security: []) exactly when public")
                        .isEqualTo(RoleTable.PUBLIC.equals(enforced));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(35);
    }
}

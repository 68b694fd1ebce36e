package org.nautilus.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document and the resources (JAX-RS and order entry) describe the same operations, both ways. */
class OpenApiDocumentTest {

    private static final List<Class<?>> RESOURCES = List.of(OrdersResource.class, MarketResource.class,
            RiskResource.class, OperationsResource.class, BacktestsResource.class, StrategiesResource.class,
            RunsResource.class, ModelsResource.class, FactorStoreResource.class,
            StreamsResource.class, HealthResource.class, OpenApiResource.class, SnapshotsResource.class,
            TearsheetsResource.class);

    @Test
    void everyImplementedOperationIsDocumentedAndEveryDocumentedOneImplemented() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(OpenApiResource.resource(OpenApiResource.DOCUMENT));
        TreeSet<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            // Operations another bundle serves (tokens, /metrics: the access bundle) are checked by that bundle's test.
            path.getValue().properties().stream().filter(op -> !op.getValue().has("x-served-by"))
                    .forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        // Order entry is a servlet filter in front of JAX-RS: its operations are listed by it.
        TreeSet<String> implemented = new TreeSet<>(OrderEntryFilter.OPERATIONS);
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    String path = sub == null ? base : base + "/" + sub.value();
                    implemented.add(verb + " " + path.replaceAll("/+", "/"));
                }
            }
        }
        assertThat(implemented).as("JAX-RS operations vs openapi.json").isEqualTo(documented);
    }

    @Test
    void everyPathParameterIsDocumentedWithAnExample() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(OpenApiResource.resource(OpenApiResource.DOCUMENT));
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (JsonNode op : path.getValue()) {
                for (String name : path.getKey().split("/")) {
                    if (name.startsWith("{")) {
                        String param = name.substring(1, name.length() - 1);
                        assertThat(op.path("parameters").findValues("name").stream().map(JsonNode::asText))
                                .as(op.get("operationId") + " documents " + param).contains(param);
                    }
                }
                assertThat(op.get("responses")).as(op.get("operationId") + " responses").isNotEmpty();
            }
        }
    }

    @Test
    void everyOperationSaysWhoMayCallIt() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(OpenApiResource.resource(OpenApiResource.DOCUMENT));
        assertThat(doc.path("components").path("securitySchemes").path("basic").path("scheme").asText())
                .isEqualTo("basic");
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(doc.path("security").findValues("basic")).as("the default: Basic or bearer").hasSize(1);
        assertThat(doc.path("security").findValues("bearer")).hasSize(1);
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String name = op.getValue().get("operationId").asText();
                String role = op.getValue().path("x-required-role").asText();
                assertThat(role).as(name + " x-required-role")
                        .isIn("public", "authenticated", "viewer", "trader", "risk", "admin");
                JsonNode security = op.getValue().get("security");
                JsonNode responses = op.getValue().get("responses");
                if (role.equals("public")) {
                    assertThat(security).as(name + " is open: security []").isNotNull();
                    assertThat(security.isEmpty()).as(name + " is open: security []").isTrue();
                } else {
                    assertThat(security == null || !security.isEmpty()).as(name + " needs a user").isTrue();
                    assertThat(responses.has("401")).as(name + " documents 401").isTrue();
                    assertThat(role.equals("authenticated") || responses.has("403")).as(name + " documents 403")
                            .isTrue();
                }
            }
        }
    }

    private static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        return null;
    }
}

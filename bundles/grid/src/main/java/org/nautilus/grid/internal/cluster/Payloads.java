package org.nautilus.grid.internal.cluster;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The wire form of the OMS's calls between nodes: JSON of the API's records (their components, as they are; the
 * canonical constructors validate what arrives). Jackson is embedded in this bundle already (the Kubernetes IP
 * finder uses it); Ignite's own marshaller cannot build records on Java 17.
 */
final class Payloads {

    private static final ObjectMapper MAPPER = mapper();

    private Payloads() {
    }

    private static ObjectMapper mapper() {
        SimpleModule instants = new SimpleModule("nautilus-instant");
        instants.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(value.toString());
            }
        });
        instants.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser in, DeserializationContext context) throws IOException {
                return Instant.parse(in.getValueAsString());
            }
        });
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(instants);
        // Records by their components only: derived accessors (isFlat(), leavesQuantity()) are not state.
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        return mapper;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a payload: " + e.getMessage(), e);
        }
    }

    static <T> T read(JsonNode node, Class<T> type) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot decode " + type.getSimpleName() + ": " + e.getOriginalMessage(),
                    e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        return read(tree(json), type);
    }

    static <T> List<T> readList(String json, Class<T> element) {
        JavaType type = MAPPER.getTypeFactory().constructCollectionType(List.class, element);
        try {
            return List.copyOf(MAPPER.<List<T>> readValue(json, type));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot decode a list of " + element.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    static <T> Optional<T> readOptional(String json, Class<T> type) {
        return Optional.ofNullable(read(tree(json), type));
    }

    /** The arguments of a call as a JSON array. */
    static String args(Object... args) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Object arg : args) {
            array.add(MAPPER.valueToTree(arg));
        }
        return array.toString();
    }
}

package org.nautilus.rest.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;

/**
 * JSON in and out of the API. Out: records as objects, exact decimals (prices, quantities, money) as strings so no
 * client rounds them through a double, identifiers as their text, times as ISO-8601. In: strict — unknown fields,
 * wrong types, trailing garbage and bodies over {@link #MAX_BODY_BYTES} are each refused with their own code.
 */
public final class Json {

    /** The largest request body accepted; orders and commands are a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    public static final String MEDIA_TYPE = "application/json";

    /** How much of an over-long body is read and dropped before the connection is given up. */
    private static final long MAX_DRAINED_BYTES = 8L * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Decimals may come as JSON numbers or strings ("0.1" keeps its digits); an enum never as its index.
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(domainModule())
            .build();

    static {
        // Nesting is the one thing 64 KiB does not bound: keep it shallow.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private Json() {
    }

    /** Writes a value as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** Reads a JSON value; used by tests and clients of this module to read what {@link #write} wrote. */
    public static <T> T readValue(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a request body of the given type, checking its media type and size first.
     *
     * @throws ApiException 415 UNSUPPORTED_MEDIA_TYPE, 400 EMPTY_BODY, 413 BODY_TOO_LARGE, 400 MALFORMED_JSON,
     *                      400 UNKNOWN_FIELD, 400 WRONG_TYPE or 400 INVALID_VALUE, each naming the field at fault
     */
    public static <T> T readBody(String contentType, InputStream body, Class<T> type) {
        return readBody(contentType, body, type, MAX_BODY_BYTES);
    }

    /** {@link #readBody(String, InputStream, Class)} with another size limit (a batch of orders). */
    public static <T> T readBody(String contentType, InputStream body, Class<T> type, int maxBytes) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).strip().startsWith(MEDIA_TYPE)) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as " + MEDIA_TYPE
                    + (contentType == null ? " (no Content-Type was given)" : ", not " + contentType), null);
        }
        byte[] bytes = readLimited(body, maxBytes);
        if (bytes.length == 0) {
            throw new ApiException(400, "EMPTY_BODY", "a JSON object is required as the request body", null);
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ApiException(400, "UNKNOWN_FIELD", "unknown field '" + e.getPropertyName() + "'; known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")),
                    path(e));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ApiException(400, "INVALID_VALUE", cause.getMessage(), path(e));
        } catch (InvalidFormatException e) {
            throw new ApiException(400, "WRONG_TYPE", "field '" + path(e) + "': " + describeExpected(e.getTargetType())
                    + ", got " + Json.write(e.getValue()), path(e));
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field == null) {
                throw new ApiException(400, "WRONG_TYPE", "the body must be a JSON object: " + e.getOriginalMessage(),
                        null);
            }
            throw new ApiException(400, "WRONG_TYPE", "field '" + field + "': " + describeExpected(e.getTargetType())
                    + " (" + e.getOriginalMessage().replaceAll("\\s+at \\[.*", "") + ")", field);
        } catch (JsonParseException e) {
            throw new ApiException(400, "MALFORMED_JSON", "the body is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), null);
        } catch (JsonMappingException e) {
            throw new ApiException(400, "MALFORMED_JSON", "the body is not valid JSON: " + e.getOriginalMessage(),
                    path(e));
        } catch (IOException e) {
            throw new ApiException(400, "MALFORMED_JSON", "the body could not be read: " + e.getMessage(), null);
        }
    }

    private static byte[] readLimited(InputStream body, int maxBytes) {
        if (body == null) {
            return new byte[0];
        }
        try (InputStream in = body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            byte[] buffer = new byte[8192];
            int total = 0;
            for (int n; (n = in.read(buffer)) > 0;) {
                total += n;
                if (total > maxBytes) {
                    // Nothing more is kept; the rest is read and dropped (up to a bound), so the client, still
                    // sending, gets the answer on a connection that stays usable instead of a reset.
                    for (long dropped = total; dropped < MAX_DRAINED_BYTES && (n = in.read(buffer)) > 0;) {
                        dropped += n;
                    }
                    throw new ApiException(413, "BODY_TOO_LARGE", "the request body exceeds " + maxBytes
                            + " bytes", null);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    private static String describeExpected(Class<?> type) {
        if (type == null) {
            return "wrong type";
        }
        if (type.isEnum()) {
            return "expected one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class) {
            return "expected a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "expected true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "expected a number";
        }
        return "expected " + type.getSimpleName();
    }

    private static SimpleModule domainModule() {
        SimpleModule module = new SimpleModule("nautilus-domain");
        module.addSerializer(Price.class, text(Price::toString));
        module.addSerializer(Quantity.class, text(Quantity::toString));
        module.addSerializer(Money.class, text(Money::toString));
        module.addSerializer(OrderId.class, text(OrderId::toString));
        module.addSerializer(ClientOrderId.class, text(ClientOrderId::value));
        module.addSerializer(PortfolioId.class, text(PortfolioId::value));
        module.addSerializer(InstrumentId.class, text(InstrumentId::value));
        module.addSerializer(VenueId.class, text(VenueId::value));
        module.addSerializer(Instant.class, text(Instant::toString));
        module.addSerializer(Duration.class, text(Duration::toString));
        return module;
    }

    private static <T> JsonSerializer<T> text(Function<T, String> format) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(format.apply(value));
            }
        };
    }
}

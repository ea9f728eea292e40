package dev.voicesession.emulator.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.util.Map;

/** JSON of the control API: snowflakes and permission bits as strings, timestamps as ISO-8601. */
final class ControlJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule()
                    .addSerializer(Long.class, ToStringSerializer.instance)
                    .addSerializer(Long.TYPE, ToStringSerializer.instance)
                    .addSerializer(java.time.Instant.class, ToStringSerializer.instance))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ControlJson() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write control API response of type " + value.getClass(), e);
        }
    }

    static JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The request body is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static long id(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Field '" + field + "' is required");
        }
        return Long.parseUnsignedLong(value.asText());
    }

    static Long optionalId(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : Long.parseUnsignedLong(value.asText());
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Field '" + field + "' is required");
        }
        return value.asText();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(JsonNode node) {
        return node == null || node.isNull() ? Map.of() : MAPPER.convertValue(node, Map.class);
    }
}

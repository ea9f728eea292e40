package dev.voicesession.emulator.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The one Jackson mapper the emulator uses, and small helpers for Discord's JSON conventions. */
public final class Json {
    /** Shared mapper; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private Json() {}

    /** A new empty object. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty array. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** A snowflake as Discord sends it: a decimal string. */
    public static String id(long id) {
        return Long.toUnsignedString(id);
    }

    /** A timestamp in Discord's ISO-8601 form with microseconds and offset. */
    public static String time(Instant instant) {
        return ISO.format(instant);
    }

    /** Parses JSON text; an empty text gives an empty object. */
    public static JsonNode parse(String text) throws JsonProcessingException {
        if (text == null || text.isBlank()) {
            return object();
        }
        return MAPPER.readTree(text);
    }

    /** Serializes a node to compact JSON text. */
    public static String write(JsonNode node) {
        return node.toString();
    }

    /** Reads an optional snowflake field that may be a string or number; {@code null} if absent or null. */
    public static Long optId(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return Long.parseUnsignedLong(value.asText());
    }

    /** Reads an optional permission bit set sent as a string or number; 0 if absent. */
    public static long bits(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0L;
        }
        return Long.parseLong(value.asText());
    }
}

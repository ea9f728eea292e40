package dev.voicesession.voice.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** Reads ids out of the request and response bodies of the emulator's request log. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static Optional<JsonNode> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The top-level {@code id} of a body, as a snowflake. */
    static Optional<Long> id(String body) {
        return parse(body).map(node -> node.path("id").asText("")).filter(id -> !id.isEmpty()).map(Long::parseUnsignedLong);
    }

    /** The {@code message_reference.message_id} of a message body: the message it replies to. */
    static Optional<Long> repliesTo(String body) {
        return parse(body)
                .map(node -> node.path("message_reference").path("message_id").asText(""))
                .filter(id -> !id.isEmpty())
                .map(Long::parseUnsignedLong);
    }
}

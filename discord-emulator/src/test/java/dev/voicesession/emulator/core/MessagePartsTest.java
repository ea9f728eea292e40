package dev.voicesession.emulator.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MessagePartsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    @DisplayName("components without an id (or with 0) are numbered depth first, skipping ids the client set")
    void component_ids() throws Exception {
        JsonNode body = MAPPER.readTree("{\"components\":[{\"type\":1,\"components\":[{\"type\":2,\"id\":2},"
                + "{\"type\":2,\"id\":0}]},{\"type\":9,\"components\":[{\"type\":10}],\"accessory\":{\"type\":11}}]}");

        JsonNode components = MessageParts.components(body);

        JsonNode row = components.get(0);
        JsonNode section = components.get(1);
        assertThat(row.path("id").asInt()).isEqualTo(1);
        assertThat(row.path("components").get(0).path("id").asInt()).as("set by the client, kept").isEqualTo(2);
        assertThat(row.path("components").get(1).path("id").asInt()).as("0 counts as unset").isEqualTo(3);
        assertThat(section.path("id").asInt()).isEqualTo(4);
        assertThat(section.path("components").get(0).path("id").asInt()).isEqualTo(5);
        assertThat(section.path("accessory").path("id").asInt()).isEqualTo(6);
        assertThat(body.path("components").get(0).has("id")).as("the request body is not changed").isFalse();
    }

    @Test
    @DisplayName("every embed the bot sends is of type rich, whatever type it asked for")
    void embeds_are_rich() throws Exception {
        JsonNode body = MAPPER.readTree("{\"embeds\":[{\"title\":\"a\"},{\"title\":\"b\",\"type\":\"video\"}]}");

        assertThat(MessageParts.embeds(body).findValuesAsText("type")).containsExactly("rich", "rich");
        assertThat(MessageParts.embeds(MAPPER.readTree("{\"embeds\":null}"))).isEmpty();
    }
}

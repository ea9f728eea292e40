package dev.voicesession.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.support.Http;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Raw REST calls against an emulator, with their payloads checked against {@link DocShapes}. */
final class Conformance {
    private final DiscordEmulator emulator;
    private final Http http;

    Conformance(DiscordEmulator emulator) {
        this.emulator = emulator;
        this.http = new Http(emulator.botToken());
    }

    /** Sends a request and checks its status; returns the parsed body (null for an empty one). */
    JsonNode call(String method, String path, String body, int status) {
        HttpResponse<String> response = http.send(method, emulator.restBaseUrl() + path, body);
        assertThat(response.statusCode()).as("%s %s %s -> %s", method, path, body, response.body()).isEqualTo(status);
        if (status == 204) {
            assertThat(response.body()).as("%s %s: 204 has no body", method, path).isEmpty();
            return null;
        }
        return Http.json(response);
    }

    /** Asserts that {@code node} has the documented shape {@code shape}. */
    static void assertShape(String shape, JsonNode node) {
        Shape documented = DocShapes.shape(shape);
        assertThat(documented).as("shape %s", shape).isNotNull();
        assertThat(documented.problems(node, shape)).as("%s: %s", shape, node).isEmpty();
    }

    /** Asserts that {@code array} is an array whose every item has the documented shape {@code shape}. */
    static void assertArrayOf(String shape, JsonNode array) {
        assertThat(array.isArray()).as("%s is an array", array).isTrue();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            problems.addAll(DocShapes.shape(shape).problems(array.get(i), shape + "[" + i + "]"));
        }
        assertThat(problems).as("array of %s: %s", shape, array).isEmpty();
    }
}

package dev.voicesession.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shape checker itself finds what it is meant to find. */
class ShapeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    @DisplayName("missing, null, mistyped and undocumented fields are each reported; optional ones may be absent")
    void reports_each_kind_of_difference() throws Exception {
        Shape shape = Shape.of("thing", "id: snowflake", "icon: ?string", "url?: string", "count?: integer");

        assertThat(shape.problems(json("{\"id\":\"1\",\"icon\":null}"), "t")).isEmpty();
        assertThat(shape.problems(json("{\"icon\":null}"), "t")).containsExactly("t.id: missing (always present in thing)");
        assertThat(shape.problems(json("{\"id\":\"1\",\"icon\":null,\"url\":null}"), "t")).hasSize(1)
                .first().asString().startsWith("t.url: null");
        assertThat(shape.problems(json("{\"id\":1,\"icon\":null}"), "t")).hasSize(1);
        assertThat(shape.problems(json("{\"id\":\"1\",\"icon\":null,\"extra\":true}"), "t"))
                .containsExactly("t.extra: not a documented field of thing");
    }

    @Test
    @DisplayName("permissions are non-negative decimal strings of documented bits only (no bit 47, 53 or 63)")
    void permission_strings() {
        assertThat(Shape.isPermissions("0")).isTrue();
        assertThat(Shape.isPermissions(Long.toString((1L << 52) | 8))).isTrue();
        assertThat(Shape.isPermissions(Long.toString(1L << 47))).isFalse();
        assertThat(Shape.isPermissions(Long.toString(1L << 53))).isFalse();
        assertThat(Shape.isPermissions("-9214505575088390145")).isFalse();
        assertThat(Shape.isPermissions(Long.toUnsignedString(1L << 63))).isFalse();
    }
}

package dev.voicesession.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PluginApiTest {

    @Test
    @DisplayName("the API version is read from the jar and is a semantic version")
    void versionIsSemantic() {
        assertThat(PluginApi.VERSION).matches("\\d+\\.\\d+\\.\\d+");
    }
}

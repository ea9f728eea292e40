package dev.voicesession.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StartupTest {
    @Test
    @DisplayName("an emulator with its voice server starts in well under a second (after the JVM has warmed up)")
    void starts_fast() {
        DiscordEmulator.builder().build().start().close();

        long started = System.nanoTime();
        try (DiscordEmulator emulator = DiscordEmulator.builder().build().start()) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertThat(elapsed).isLessThan(Duration.ofMillis(500));
            assertThat(emulator.restBaseUrl()).startsWith("http://127.0.0.1:").endsWith("/api/v10/");
            assertThat(emulator.gatewayUrl()).startsWith("ws://127.0.0.1:");
            assertThat(emulator.voiceServer().endpoint()).isNotBlank();
        }
    }
}

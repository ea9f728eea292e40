package dev.voicesession.voice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.voice.testing.MapPluginConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VoiceSettingsTest {

    @Test
    @DisplayName("defaults: 60 s join timeout, 2 h maximum, Voice-{username}, master switch off")
    void defaults() {
        VoiceSettings settings = VoiceSettings.load(MapPluginConfig.of(Map.of()));
        GuildVoiceSettings guild = settings.forGuild(1);

        assertThat(guild.joinTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(guild.maxSessionLength()).isEqualTo(Duration.ofHours(2));
        assertThat(guild.channelNameTemplate()).isEqualTo("Voice-{username}");
        assertThat(guild.categoryId()).isZero();
        assertThat(settings.masterEnabled()).isFalse();
        assertThat(settings.enabledIn(1)).isFalse();
    }

    @Test
    @DisplayName("a guild is enabled only with the master switch on and its own section enabled")
    void guildEnablement() {
        VoiceSettings settings = VoiceSettings.load(MapPluginConfig.of(Map.of(
                "enabled", "true",
                "guilds.1.enabled", "true",
                "guilds.2.enabled", "false",
                "guilds.3.timeout", "5s")));

        assertThat(settings.enabledIn(1)).isTrue();
        assertThat(settings.enabledIn(2)).isFalse();
        assertThat(settings.enabledIn(4)).as("no section").isFalse();
    }

    @Test
    @DisplayName("the master switch off disables every guild")
    void masterSwitchOff() {
        VoiceSettings settings = VoiceSettings.load(MapPluginConfig.of(Map.of("enabled", "false", "guilds.1.enabled", "true")));

        assertThat(settings.enabledIn(1)).isFalse();
    }

    @Test
    @DisplayName("guild sections override the plugin-wide values")
    void guildOverrides() {
        VoiceSettings settings = VoiceSettings.load(MapPluginConfig.of(Map.of(
                "timeout", "30s", "guilds.1.timeout", "5s", "guilds.1.category", "77", "maxSessionLength", "0")));

        assertThat(settings.forGuild(1).joinTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.forGuild(1).categoryId()).isEqualTo(77);
        assertThat(settings.forGuild(2).joinTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.forGuild(2).hasMaxSessionLength()).isFalse();
    }

    @Test
    @DisplayName("a zero join timeout is refused at load, naming the key")
    void rejectsZeroTimeout() {
        assertThatThrownBy(() -> VoiceSettings.load(MapPluginConfig.of(Map.of("guilds.9.timeout", "0s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("timeout");
    }

    @Test
    @DisplayName("the gateway budget: 110 voice joins and leaves per 60 s by default, 2 to Discord's 120 allowed")
    void gatewayBudget() {
        VoiceSettings defaults = VoiceSettings.load(MapPluginConfig.of(Map.of()));
        assertThat(defaults.gatewayBudget()).isEqualTo(110);
        assertThat(defaults.gatewayBudgetWindow()).isEqualTo(Duration.ofSeconds(60));

        VoiceSettings set = VoiceSettings.load(MapPluginConfig.of(Map.of(
                "gatewayBudget", "4", "gatewayBudgetWindow", "2s")));
        assertThat(set.gatewayBudget()).isEqualTo(4);
        assertThat(set.gatewayBudgetWindow()).isEqualTo(Duration.ofSeconds(2));

        assertThatThrownBy(() -> VoiceSettings.load(MapPluginConfig.of(Map.of("gatewayBudget", "121"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gatewayBudget");
        assertThatThrownBy(() -> VoiceSettings.load(MapPluginConfig.of(Map.of("gatewayBudget", "1"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gatewayBudget");
    }
}

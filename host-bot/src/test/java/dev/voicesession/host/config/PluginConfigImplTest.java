package dev.voicesession.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.api.config.PluginConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PluginConfigImplTest {

    private static final long GUILD = 333333333333333333L;

    private final PluginConfig config = ConfigLoader.parse("""
            plugins:
              voice:
                enabled: true
                timeout: 60
                short: 500ms
                iso: PT2M
                slots: 3
                category: 444444444444444444
                name: Voice
                broken: soon
                guilds:
                  333333333333333333:
                    timeout: 5m
                    name: Guild voice
            """, "bot.yml", Map.of()).pluginConfig("voice");

    @Test
    @DisplayName("typed getters read present keys and default absent ones")
    void typedGetters() {
        assertThat(config.getBoolean("enabled", false)).isTrue();
        assertThat(config.getBoolean("absent", true)).isTrue();
        assertThat(config.getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.getDuration("short", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(config.getDuration("iso", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.getDuration("absent", Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
        assertThat(config.getInt("slots", 1)).isEqualTo(3);
        assertThat(config.getId("category")).contains(444444444444444444L);
        assertThat(config.getId("absent")).isEmpty();
        assertThat(config.getString("name", "x")).isEqualTo("Voice");
        assertThat(config.get("absent")).isEmpty();
    }

    @Test
    @DisplayName("a malformed value is an error naming the full key, not a default")
    void malformed() {
        assertThatThrownBy(() -> config.getDuration("broken", Duration.ZERO))
                .isInstanceOf(ConfigException.class)
                .hasMessage("bot.yml, line 10: key 'plugins.voice.broken': has value 'soon', which is not a duration; use"
                        + " seconds (60) or a number with a unit (500ms, 60s, 5m, 2h)");
        assertThatThrownBy(() -> config.getInt("name", 0))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'plugins.voice.name'");
        assertThatThrownBy(() -> config.getId("name"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not an id");
    }

    @Test
    @DisplayName("a guild view answers from the guild's section first, then plugin-wide")
    void guildView() {
        PluginConfig guild = config.forGuild(GUILD);

        assertThat(guild.getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
        assertThat(guild.getString("name", "")).isEqualTo("Guild voice");
        assertThat(guild.getInt("slots", 0)).isEqualTo(3);
        assertThat(config.configuredGuilds()).containsExactly(GUILD);
        assertThat(config.get("guilds." + GUILD + ".timeout")).isEmpty();
    }

    @Test
    @DisplayName("a guild without overrides answers like the plugin-wide view")
    void guildWithoutOverrides() {
        PluginConfig other = config.forGuild(1L);

        assertThat(other.getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(60));
        assertThat(other.getString("name", "")).isEqualTo("Voice");
    }

    @Test
    @DisplayName("a plugin without a section sees only defaults")
    void emptySection() {
        PluginConfig none = ConfigLoader.parse("", "bot.yml", Map.of()).pluginConfig("other");

        assertThat(none.getBoolean("enabled", true)).isTrue();
        assertThat(none.configuredGuilds()).isEmpty();
        assertThat(none.forGuild(GUILD).get("anything")).isEmpty();
    }
}

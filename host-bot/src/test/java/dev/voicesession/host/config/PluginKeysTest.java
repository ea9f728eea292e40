package dev.voicesession.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.api.config.ConfigKeys;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PluginKeysTest {

    private static final ConfigKeys VOICE = new ConfigKeys(
            Set.of("restTimeout", "startCooldown"), Set.of("timeout", "maxSessionLength", "category"));

    private static HostConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "config/bot.yml", Map.of());
    }

    @Test
    @DisplayName("a mistyped plugin key stops the start with its file, line, key and the key probably meant")
    void typo() {
        HostConfig config = parse("""
                plugins:
                  voice:
                    enabled: true
                    timout: 10m
                """);

        assertThatThrownBy(() -> PluginKeys.check(config, "voice", VOICE))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.source()).isEqualTo("config/bot.yml, line 4");
                    assertThat(e.key()).isEqualTo("plugins.voice.timout");
                })
                .hasMessageContaining("did you mean 'timeout'?")
                .hasMessageNotContaining("10m");
    }

    @Test
    @DisplayName("declared keys, enabled and guild sections pass, plugin-wide and per guild")
    void declaredKeysPass() {
        HostConfig config = parse("""
                plugins:
                  voice:
                    enabled: true
                    timeout: 60s
                    restTimeout: 10s
                    startCooldown: 5s
                    guilds:
                      333333333333333333:
                        enabled: true
                        timeout: 2m
                        category: 444444444444444444
                """);

        assertThatCode(() -> PluginKeys.check(config, "voice", VOICE)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a plugin-wide-only key in a guild section is refused, saying where it belongs")
    void pluginWideKeyInGuild() {
        HostConfig config = parse("""
                plugins:
                  voice:
                    guilds:
                      333333333333333333:
                        startCooldown: 1s
                """);

        assertThatThrownBy(() -> PluginKeys.check(config, "voice", VOICE))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.source()).isEqualTo("config/bot.yml, line 5");
                    assertThat(e.key()).isEqualTo("plugins.voice.guilds.333333333333333333.startCooldown");
                })
                .hasMessageContaining("plugins.voice.startCooldown");
    }

    @Test
    @DisplayName("a key far from every declared one lists the keys the plugin reads; the first mistake in the file wins")
    void unknownWithoutNeighbour() {
        HostConfig config = parse("""
                plugins:
                  voice:
                    guilds:
                      333333333333333333:
                        colour: blue
                    zzz: 1
                """);

        assertThatThrownBy(() -> PluginKeys.check(config, "voice", VOICE))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.source()).isEqualTo("config/bot.yml, line 5");
                    assertThat(e.key()).isEqualTo("plugins.voice.guilds.333333333333333333.colour");
                })
                .hasMessageContaining("category, enabled, maxSessionLength, timeout");
    }

    @Test
    @DisplayName("a plugin that declares no keys, or has no section, is not checked")
    void undeclared() {
        HostConfig config = parse("plugins:\n  other:\n    anything: goes\n");

        assertThatCode(() -> PluginKeys.check(config, "other", ConfigKeys.UNDECLARED)).doesNotThrowAnyException();
        assertThatCode(() -> PluginKeys.check(config, "absent", VOICE)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a key set by an environment variable is checked too, and named by the variable")
    void environment() {
        HostConfig config = ConfigLoader.parse("", "config/bot.yml", Map.of("VOICE_TIMEOUT", "90s"));

        assertThatCode(() -> PluginKeys.check(config, "voice", VOICE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> PluginKeys.check(config, "voice", new ConfigKeys(Set.of("other"), Set.of())))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.source()).isEqualTo("environment variable VOICE_TIMEOUT"));
    }
}

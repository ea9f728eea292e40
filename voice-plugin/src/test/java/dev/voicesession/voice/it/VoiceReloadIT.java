package dev.voicesession.voice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.voice.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload applies per-guild enablement and per-guild settings to new sessions while the bot runs; a
 * section with a mistake changes nothing.
 */
class VoiceReloadIT {

    @TempDir
    Path dir;

    private VoiceWorld world;

    @BeforeEach
    void setUp() {
        world = new VoiceWorld(dir, TestDatabase.Kind.SQLITE);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private String voice(String guildLines) {
        return """
                  voice:
                    enabled: true
                    startCooldown: 0s
                    guilds:
                      "%d":
                %s
                """.formatted(world.guild.id(), guildLines);
    }

    @Test
    @DisplayName("voice off in the guild, reload with it on and a 7 s timeout: the next !voice gets a session with 7 s")
    void enableGuildAndTimeout() {
        world.start(voice("        enabled: false"), 1);
        world.say(world.alice, "!voice");
        world.awaitBotText("Voice sessions are not enabled in this server.");

        world.writeConfig(voice("        enabled: true\n        timeout: 7s"), 1);
        List<String> needRestart = world.host.reload();

        assertThat(needRestart).isEmpty();
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);
        assertThat(world.botTexts()).contains("Join <#" + channel.id() + "> within 7 s");
    }

    @Test
    @DisplayName("a misspelt or malformed key in the reloaded file changes nothing and names the key")
    void mistakeChangesNothing() {
        world.start(voice("        enabled: true"), 1);

        world.writeConfig(voice("        enabled: true\n        timout: 7s"), 1);
        assertThatThrownBy(world.host::reload).isInstanceOf(ConfigException.class).hasMessageContaining("timout")
                .hasMessageContaining("timeout");
        world.writeConfig(voice("        enabled: false\n        timeout: soon"), 1);
        assertThatThrownBy(world.host::reload).isInstanceOf(ConfigException.class).hasMessageContaining("timeout");

        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);
        assertThat(world.botTexts()).contains("Join <#" + channel.id() + "> within 60 s");
    }

    @Test
    @DisplayName("a misspelt plugin key at start: the host does not start, and the error names the key meant")
    void misspeltKeyAtStart() {
        assertThatThrownBy(() -> world.start(voice("        enabled: true\n        timout: 7s"), 1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("plugins.voice.guilds." + world.guild.id() + ".timout")
                .hasMessageContaining("did you mean 'timeout'");
        assertThat(world.control.openGatewayConnections()).isZero();
    }
}

package dev.voicesession.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.host.config.BotSettings.SlashCommandMode;
import dev.voicesession.host.config.DiscordSettings.ShardRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import net.dv8tion.jda.api.requests.RestConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static HostConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "config/bot.yml", Map.of());
    }

    @Test
    @DisplayName("an empty file gives the documented defaults")
    void defaults() {
        HostConfig config = parse("");

        assertThat(config.discord().hasToken()).isFalse();
        assertThat(config.discord().restUrl()).isEqualTo(RestConfig.DEFAULT_BASE_URL);
        assertThat(config.discord().gatewayUrl()).isEmpty();
        assertThat(config.discord().shardsTotal()).isEqualTo(-1);
        assertThat(config.discord().shardRange()).isEmpty();
        assertThat(config.bot().prefix()).isEqualTo("!");
        assertThat(config.bot().owners()).isEmpty();
        assertThat(config.bot().slashCommands()).isEqualTo(SlashCommandMode.GLOBAL);
        assertThat(config.bot().shutdownDeadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.queue().slots()).isEqualTo(1);
        assertThat(config.database().path()).isEqualTo(Path.of("data/bot.db"));
        assertThat(config.database().poolSize()).isEqualTo(4);
        assertThat(config.plugins().dir()).isEqualTo(Path.of("plugins"));
        assertThat(config.plugins().disabled()).isEmpty();
        assertThat(config.logging().level()).isEqualTo("INFO");
        assertThat(config.logging().file()).isEqualTo(Path.of("logs/bot.log"));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    @DisplayName("every section is read")
    void fullFile() {
        HostConfig config = parse("""
                discord:
                  token: abc.def
                  restUrl: http://127.0.0.1:8080/api/v10/
                  gatewayUrl: ws://127.0.0.1:8080/gateway
                  readyTimeout: 45s
                  shards:
                    total: 4
                    range: 2-3
                bot:
                  prefix: "?"
                  owners: [111111111111111111, 222222222222222222]
                  guildPrefixes:
                    333333333333333333: ";"
                  shutdownDeadline: 1m
                  slashCommands: guilds
                queue:
                  slots: 2
                database:
                  path: /tmp/x.db
                  poolSize: 2
                  busyTimeout: 500ms
                plugins:
                  dir: my-plugins
                  disabled: [other]
                  voice:
                    enabled: true
                    timeout: 5m
                    guilds:
                      333333333333333333:
                        timeout: 10m
                logging:
                  level: debug
                  file: /tmp/bot.log
                """);

        assertThat(config.discord().token()).isEqualTo("abc.def");
        assertThat(config.discord().restUrl()).isEqualTo("http://127.0.0.1:8080/api/v10/");
        assertThat(config.discord().gatewayUrl()).contains("ws://127.0.0.1:8080/gateway");
        assertThat(config.discord().readyTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.discord().shardsTotal()).isEqualTo(4);
        assertThat(config.discord().shardRange()).contains(new ShardRange(2, 3));
        assertThat(config.bot().prefix()).isEqualTo("?");
        assertThat(config.bot().owners()).containsExactlyInAnyOrder(111111111111111111L, 222222222222222222L);
        assertThat(config.bot().prefixFor(333333333333333333L)).isEqualTo(";");
        assertThat(config.bot().prefixFor(1L)).isEqualTo("?");
        assertThat(config.bot().shutdownDeadline()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.bot().slashCommands()).isEqualTo(SlashCommandMode.GUILDS);
        assertThat(config.queue().slots()).isEqualTo(2);
        assertThat(config.database().busyTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.plugins().disabled()).containsExactly("other");
        assertThat(config.isPluginEnabled("voice")).isTrue();
        assertThat(config.isPluginEnabled("other")).isFalse();
        assertThat(config.pluginConfig("voice").getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.pluginConfig("voice").forGuild(333333333333333333L).getDuration("timeout", Duration.ZERO))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(config.logging().level()).isEqualTo("DEBUG");
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    @DisplayName("environment variables override the file and errors name the variable")
    void environmentOverrides() {
        HostConfig config = ConfigLoader.parse("""
                discord:
                  token: from-file
                plugins:
                  voice:
                    enabled: true
                    timeout: 60
                """, "config/bot.yml", Map.of(
                        "DISCORD_TOKEN", "from-env",
                        "ENABLE_VOICE_FEATURES", "false",
                        "VOICE_TIMEOUT", "90s",
                        "LOG_LEVEL", "warn",
                        "QUEUE_SLOTS", "3",
                        "BOT_OWNERS", "1, 2"));

        assertThat(config.discord().token()).isEqualTo("from-env");
        assertThat(config.isPluginEnabled("voice")).isFalse();
        assertThat(config.pluginConfig("voice").getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.logging().level()).isEqualTo("WARN");
        assertThat(config.queue().slots()).isEqualTo(3);
        assertThat(config.bot().owners()).containsExactlyInAnyOrder(1L, 2L);

        assertThatThrownBy(() -> ConfigLoader.parse("", "config/bot.yml", Map.of("VOICE_TIMEOUT", "soon"))
                        .pluginConfig("voice").getDuration("timeout", Duration.ZERO))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable VOICE_TIMEOUT: key 'plugins.voice.timeout': has value 'soon', which is"
                        + " not a duration; use seconds (60) or a number with a unit (500ms, 60s, 5m, 2h)");
    }

    @Test
    @DisplayName("a blank environment variable counts as unset")
    void blankEnvironment() {
        HostConfig config = ConfigLoader.parse("discord:\n  token: file\n", "f.yml", Map.of("DISCORD_TOKEN", " "));

        assertThat(config.discord().token()).isEqualTo("file");
    }

    @Test
    @DisplayName("errors name the file, the key and the fix")
    void validationMessages() {
        assertError("queue:\n  slots: two\n", "queue.slots",
                "config/bot.yml: key 'queue.slots': has value 'two', which is not a whole number; use digits, for"
                        + " example 2");
        assertError("queue:\n  slots: 0\n", "queue.slots",
                "config/bot.yml: key 'queue.slots': is 0; use a number from 1 to 64");
        assertError("discord:\n  restUrl: discord.com\n", "discord.restUrl",
                "config/bot.yml: key 'discord.restUrl': has value 'discord.com', which must be an http(s) URL such as "
                        + RestConfig.DEFAULT_BASE_URL);
        assertError("discord:\n  shards:\n    range: 0-3\n", "discord.shards.range",
                "config/bot.yml: key 'discord.shards.range': needs discord.shards.total; set the total number of"
                        + " shards of all processes, for example total: 8");
        assertError("discord:\n  shards:\n    total: 2\n    range: 1-2\n", "discord.shards.range",
                "config/bot.yml: key 'discord.shards.range': is 1-2, which is not within 0-1; use first <= last <"
                        + " discord.shards.total");
        assertError("bot:\n  owners: [me]\n", "bot.owners",
                "config/bot.yml: key 'bot.owners': has value 'me', which is not an id; use the numeric id (in Discord,"
                        + " enable Developer Mode and use Copy ID)");
        assertError("bot:\n  prefix: \"a b\"\n", "bot.prefix",
                "config/bot.yml: key 'bot.prefix': has value 'a b', which must be 1 to 16 characters without spaces,"
                        + " such as ! or ?");
        assertError("bot:\n  slashCommands: sometimes\n", "bot.slashCommands",
                "config/bot.yml: key 'bot.slashCommands': has value 'sometimes'; use global, guilds or off");
        assertError("bot:\n  shutdownDeadline: 0\n", "bot.shutdownDeadline",
                "config/bot.yml: key 'bot.shutdownDeadline': is zero; use a positive duration such as 30s");
        assertError("logging:\n  level: loud\n", "logging.level",
                "config/bot.yml: key 'logging.level': has value 'loud', which must be one of TRACE, DEBUG, INFO, WARN,"
                        + " ERROR or OFF");
        assertError("plugins:\n  voice:\n    enabled: maybe\n", "plugins.voice.enabled",
                "config/bot.yml: key 'plugins.voice.enabled': has value 'maybe', which is not a boolean; use true or"
                        + " false");
        assertError("plugins:\n  voice:\n    guilds:\n      main:\n        timeout: 5\n", "plugins.voice.guilds.main.timeout",
                "config/bot.yml: key 'plugins.voice.guilds.main.timeout': has value 'main', which is not an id; use the"
                        + " numeric id (in Discord, enable Developer Mode and use Copy ID)");
        assertError("discord:\n  trustCertificate: /nonexistent/emulator.pem\n", "discord.trustCertificate",
                "config/bot.yml: key 'discord.trustCertificate': has value '/nonexistent/emulator.pem', which names a"
                        + " file that does not exist or cannot be read; give the path of the emulator's PEM certificate,"
                        + " or leave the key out");
        assertError("queue:\n  slots: [1, 2]\n", "queue.slots", "config/bot.yml: key 'queue.slots': is a list, but it"
                + " takes a single value; use a whole number such as 2");
    }

    private static void assertError(String yaml, String key, String message) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.source()).isEqualTo("config/bot.yml");
                    assertThat(e.key()).isEqualTo(key);
                })
                .hasMessage(message);
    }

    @Test
    @DisplayName("malformed YAML names the file and the line")
    void malformedYaml() {
        assertThatThrownBy(() -> parse("discord:\n  token: [unclosed\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/bot.yml: key '(file)': is not valid YAML")
                .hasMessageContaining("line");
    }

    @Test
    @DisplayName("a YAML error is one line and never quotes the file, so a broken token line cannot leak the token")
    void yamlErrorWithoutExcerpt() {
        assertThatThrownBy(() -> parse("discord:\n  token: \"secret-token-value\n  restUrl: x\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/bot.yml: key '(file)': is not valid YAML: ")
                .hasMessageContaining("at line")
                .hasMessageNotContaining("secret-token-value")
                .hasMessageNotContaining("\n");
    }

    @Test
    @DisplayName("unknown keys are warned about, with the key probably meant")
    void unknownKeys() {
        HostConfig config = parse("""
                queue:
                  slot: 2
                colour: blue
                plugins:
                  voice:
                    anything: goes
                """);

        assertThat(config.warnings()).containsExactly(
                "config/bot.yml: unknown key 'colour' is ignored; see config/bot.example.yml for the keys the host"
                        + " reads",
                "config/bot.yml: unknown key 'queue.slot' is ignored; did you mean 'queue.slots'?");
    }

    @Test
    @DisplayName("a named config file must exist; the default one may be absent")
    void missingFile(@TempDir Path dir) throws Exception {
        Path absent = dir.resolve("bot.yml");

        assertThatThrownBy(() -> ConfigLoader.load(absent, true, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(absent + ": key '(file)': does not exist; copy config/bot.example.yml there, or pass"
                        + " --config with the path of an existing file");
        assertThat(ConfigLoader.load(absent, false, Map.of("DISCORD_TOKEN", "t")).discord().token()).isEqualTo("t");

        Files.writeString(absent, "queue:\n  slots: 3\n");
        assertThat(ConfigLoader.load(absent, true, Map.of()).queue().slots()).isEqualTo(3);
    }

    @Test
    @DisplayName("the token never appears in the settings' text")
    void tokenNotPrinted() {
        HostConfig config = parse("discord:\n  token: secret-token\n");

        assertThat(config.discord().toString()).doesNotContain("secret-token").contains("token=***");
        assertThat(config.toString()).doesNotContain("secret-token");
    }

    @Test
    @DisplayName("the example config shipped with the project loads without warnings")
    void exampleConfig() {
        Path example = Path.of("..", "config", "bot.example.yml");

        HostConfig config = ConfigLoader.load(example, true, Map.of());

        assertThat(config.warnings()).isEmpty();
        assertThat(config.discord().hasToken()).isFalse();
    }
}

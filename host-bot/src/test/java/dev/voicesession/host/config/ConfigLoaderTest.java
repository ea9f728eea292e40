package dev.voicesession.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.host.config.BotSettings.SlashCommandMode;
import dev.voicesession.host.config.DiscordSettings.ShardRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        assertThat(config.discord().identifyInterval()).as("Discord's window").isEqualTo(Duration.ofSeconds(5));
        assertThat(config.discord().globalRateLimit()).as("Discord's global limit").isEqualTo(50);
        assertThat(config.bot().prefix()).isEqualTo("!");
        assertThat(config.bot().owners()).isEmpty();
        assertThat(config.bot().slashCommands()).isEqualTo(SlashCommandMode.GLOBAL);
        assertThat(config.bot().shutdownDeadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.queue().slots()).isEqualTo(1);
        assertThat(config.queue().scope()).isEqualTo(QueueSettings.Scope.PROCESS);
        assertThat(config.queue().lease()).isEqualTo(Duration.ofSeconds(30));
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
                  identifyInterval: 250ms
                  globalRateLimit: 120
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
        assertThat(config.discord().identifyInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.discord().globalRateLimit()).isEqualTo(120);
        assertThat(parse("discord:\n  globalRateLimit: off\n").discord().globalRateLimit()).as("off").isZero();
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
    @DisplayName("queue.scope: cluster shares queue.slots among the processes, with a lease")
    void clusterQueue() {
        HostConfig config = ConfigLoader.parse("queue:\n  slots: 2\n  scope: cluster\n  lease: 45s\n", "f.yml",
                Map.of());

        assertThat(config.queue()).isEqualTo(new QueueSettings(2, QueueSettings.Scope.CLUSTER, Duration.ofSeconds(45)));
        assertThat(config.warnings()).noneMatch(warning -> warning.contains("queue."));
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
        assertError("discord:\n  globalRateLimit: 0\n", "discord.globalRateLimit",
                "config/bot.yml: key 'discord.globalRateLimit': is 0; use the bot's global limit in requests a second"
                        + " (50 unless Discord raised it), or off");
        assertError("queue:\n  scope: everywhere\n", "queue.scope",
                "config/bot.yml: key 'queue.scope': has value 'everywhere'; use process or cluster");
        assertError("queue:\n  lease: 1s\n", "queue.lease",
                "config/bot.yml: key 'queue.lease': is 1000 ms; use at least 3s (a process renews its leases every"
                        + " third of it)");
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

    /**
     * Expects {@code message} with "config/bot.yml" followed by the line of the faulty key: the line on
     * which the key's last part stands.
     */
    private static void assertError(String yaml, String key, String message) {
        String lastPart = key.substring(key.lastIndexOf('.') + 1) + ":";
        List<String> lines = yaml.lines().toList();
        int line = 1 + lines.indexOf(lines.stream().filter(text -> text.strip().startsWith(lastPart)).findFirst()
                .orElseThrow());
        String where = "config/bot.yml, line " + line;
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.source()).isEqualTo(where);
                    assertThat(e.key()).isEqualTo(key);
                })
                .hasMessage(message.replaceFirst("^config/bot\\.yml:", where + ":"));
    }

    @Test
    @DisplayName("malformed YAML names the file, the line where the bracket opened and the key")
    void malformedYaml() {
        assertThatThrownBy(() -> parse("discord:\n  token: [unclosed\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("discord.token"))
                .hasMessageStartingWith("config/bot.yml, line 2: key 'discord.token': is not valid YAML");
    }

    @Test
    @DisplayName("an unclosed quote is reported on the line where it opened, not where the file ends")
    void unclosedQuote() {
        String yaml = "bot:\n  prefix: \"!\"\n".repeat(1) + "queue:\n  slots: 1\n".repeat(22)
                + "plugins:\n  dir: \"plugins\n" + "logging:\n  level: INFO\n".repeat(3);
        assertThat(yaml.lines().toList().get(47)).isEqualTo("  dir: \"plugins");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.source()).isEqualTo("config/bot.yml, line 48");
                    assertThat(e.key()).isEqualTo("plugins.dir");
                });
    }

    @Test
    @DisplayName("a tab is reported on its own line, with the section it is in")
    void tab() {
        assertThatThrownBy(() -> parse("queue:\n\tslots: 2\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.source()).isEqualTo("config/bot.yml, line 2");
                    assertThat(e.key()).isEqualTo("queue");
                })
                .hasMessageContaining("indent with spaces");
    }

    @Test
    @DisplayName("a YAML error is one line and never quotes the file, so a broken token line cannot leak the token")
    void yamlErrorWithoutExcerpt() {
        assertThatThrownBy(() -> parse("discord:\n  token: \"secret-token-value\n  restUrl: x\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/bot.yml, line 2: key 'discord.token': is not valid YAML: ")
                .hasMessageNotContaining("secret-token-value")
                .hasMessageNotContaining("\n");
    }

    @Test
    @DisplayName("values that are or may be secrets never appear in an error: by key name in any case, or by shape")
    void secretsNotEchoed() {
        String discordToken = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB";
        assertThatThrownBy(() -> parse("bot:\n  prefix: \"" + discordToken + "\"\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("bot.prefix"))
                .hasMessageNotContaining(discordToken)
                .hasMessageContaining("not shown");
        assertThatThrownBy(() -> parse("plugins:\n  voice:\n    apiKey: x\n")
                        .pluginConfig("voice").getInt("apiKey", 0))
                .hasMessageNotContaining("'x'");
        assertThatThrownBy(() -> parse("plugins:\n  voice:\n    DB_PASSWORD: hunter2\n")
                        .pluginConfig("voice").getInt("DB_PASSWORD", 0))
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> parse("queue:\n  slots: sk9f8s7d6f5g4h3j2k1l0zxcvb\n"))
                .hasMessageNotContaining("sk9f8s7d6f5g4h3j2k1l0zxcvb");
        assertThatThrownBy(() -> parse("queue:\n  slots: two\n")).hasMessageContaining("'two'");
    }

    @Test
    @DisplayName("a value's text masks secrets by key name in any case and by shape")
    void secretsMaskedInText() {
        HostConfig config = parse("""
                plugins:
                  voice:
                    ApiToken: abc
                    Client_Secret: def
                    password: ghi
                    note: MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB
                    name: Voice
                """);

        assertThat(ConfigValue.scalar("plugins.voice.ApiToken", "abc", "f").toString()).doesNotContain("abc");
        assertThat(ConfigValue.scalar("plugins.voice.Client_Secret", "def", "f").toString()).doesNotContain("def");
        assertThat(ConfigValue.scalar("database.PASSWORD", "ghi", "f").toString()).doesNotContain("ghi");
        assertThat(ConfigValue.scalar("plugins.voice.note",
                "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB", "f").toString())
                .doesNotContain("GhIjKl");
        assertThat(ConfigValue.scalar("plugins.voice.name", "Voice", "f").toString()).contains("Voice");
        assertThat(config.pluginConfig("voice").toString()).doesNotContain("abc", "def", "ghi", "GhIjKl");
    }

    @Test
    @DisplayName("a plugin switched on but enabled in no guild gets a warning naming the fix; a guild section silences it")
    void pluginOnInNoGuild() {
        HostConfig noGuild = parse("""
                bot:
                  owners: [1]
                plugins:
                  voice:
                    enabled: true
                    timeout: 60s
                """);
        HostConfig guildOff = parse("""
                bot:
                  owners: [1]
                plugins:
                  voice:
                    enabled: true
                    guilds:
                      333333333333333333:
                        enabled: false
                """);
        HostConfig oneGuild = parse("""
                bot:
                  owners: [1]
                plugins:
                  voice:
                    enabled: true
                    guilds:
                      333333333333333333:
                        timeout: 2m
                """);
        HostConfig switchedOff = parse("bot:\n  owners: [1]\nplugins:\n  voice:\n    enabled: false\n");

        assertThat(noGuild.warnings()).singleElement().asString()
                .startsWith("config/bot.yml, line 5: plugin 'voice'")
                .contains("plugins.voice.guilds.<server id>.enabled: true");
        assertThat(guildOff.warnings()).hasSize(1);
        assertThat(oneGuild.warnings()).isEmpty();
        assertThat(switchedOff.warnings()).isEmpty();
    }

    @Test
    @DisplayName("empty bot.owners is warned about only when a configuration file was read")
    void ownersWarning() {
        assertThat(ConfigLoader.parse("", "config/bot.yml", Map.of("DISCORD_TOKEN", "t")).warnings()).isEmpty();
        assertThat(parse("queue:\n  slots: 1\n").warnings()).singleElement().asString().contains("bot.owners");
        assertThat(parse("bot:\n  owners: [1]\n").warnings()).isEmpty();
    }

    @Test
    @DisplayName("unknown keys are warned about, with the key probably meant")
    void unknownKeys() {
        HostConfig config = parse("""
                bot:
                  owners: [1]
                queue:
                  slot: 2
                colour: blue
                plugins:
                  voice:
                    anything: goes
                """);

        assertThat(config.warnings()).containsExactly(
                "config/bot.yml, line 5: unknown key 'colour' is ignored; see config/bot.example.yml for the keys the"
                        + " host reads",
                "config/bot.yml, line 4: unknown key 'queue.slot' is ignored; did you mean 'queue.slots'?");
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

        assertThat(config.warnings()).singleElement().asString().contains("bot.owners is empty");
        assertThat(config.discord().hasToken()).isFalse();
        assertThat(config.isPluginEnabled("voice")).as("voice is off by default, as the example says").isFalse();
        assertThat(config.pluginConfig("voice").configuredGuilds()).as("the example shows a guild section").hasSize(1);
    }

    @Test
    @DisplayName("every value the example config calls a default is the loader's default")
    void exampleConfigStatesTheDefaults() {
        HostConfig example = ConfigLoader.load(Path.of("..", "config", "bot.example.yml"), true, Map.of());
        HostConfig defaults = parse("");

        assertThat(example.discord().toString()).isEqualTo(defaults.discord().toString());
        assertThat(example.bot()).isEqualTo(defaults.bot());
        assertThat(example.queue()).isEqualTo(defaults.queue());
        assertThat(example.plugins()).isEqualTo(defaults.plugins());
        assertThat(example.logging()).isEqualTo(defaults.logging());
        assertThat(example.database().path()).isEqualTo(defaults.database().path());
        assertThat(example.database().poolSize()).isEqualTo(defaults.database().poolSize());
        assertThat(example.database().busyTimeout()).isEqualTo(defaults.database().busyTimeout());
    }
}

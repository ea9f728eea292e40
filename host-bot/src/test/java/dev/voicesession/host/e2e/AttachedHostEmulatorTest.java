package dev.voicesession.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.ApplicationCommand;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.command.SlashRegistration;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.support.EmulatorDiscord;
import dev.voicesession.host.support.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding options against the emulator, with a single JDA the test owns: the operator's data
 * source, prefix rule, no built-in commands, and slash commands handed over instead of registered.
 */
class AttachedHostEmulatorTest {

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.emulatorOnly()
            .rateLimits(RateLimitMode.OFF)
            .voice(false)
            .seed(AttachedHostEmulatorTest::seed);

    private static final Duration QUIET = Duration.ofMillis(700);

    private static long guild;
    private static long general;
    private static long alice;

    @TempDir
    Path dir;

    private JDA jda;
    private HikariDataSource pool;

    private static void seed(EmulatorControl control) {
        guild = control.createGuild("attached").id();
        general = control.createTextChannel(guild, "general").id();
        alice = control.addMember(guild, "alice").userId();
    }

    @AfterEach
    void close() {
        if (jda != null) {
            jda.shutdownNow();
        }
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    @DisplayName("operator's DataSource, prefix rule and HAND_OVER: nothing registered, ?hello answered, pool left open")
    void embeddingOptions() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.hello(plugins);
        HikariConfig poolConfig = new HikariConfig();
        poolConfig.setJdbcUrl("jdbc:sqlite:" + dir.resolve("operator.db"));
        pool = new HikariDataSource(poolConfig);
        jda = EmulatorClients.configure(JDABuilder.createDefault(DISCORD.emulator().botToken(), BotHost.INTENTS),
                DISCORD.emulator()).build();
        EmulatorDiscord discord = new EmulatorDiscord(DISCORD.emulator());

        BotHost host = BotHost.builder()
                .config(ConfigLoader.parse("bot:\n  slashCommands: guilds\n", "code", Map.of()))
                .pluginsDir(plugins)
                .attach(jda)
                .dataSource(pool)
                .prefix(guildId -> "?")
                .builtInCommands(Set.of())
                .slashCommands(SlashRegistration.HAND_OVER)
                .start();
        try {
            assertThat(host.dataSource()).isSameAs(pool);
            assertThat(host.slashCommandData()).extracting(CommandData::getName).containsExactly("hello");
            assertThat(host.commandNames()).containsExactly("hello");
            assertThat(DISCORD.emulator().control().commands(guild)).extracting(ApplicationCommand::name).isEmpty();

            discord.say(general, alice, "?hello");
            discord.awaitBotMessage(general, "hi from hello");
            int before = discord.botMessages(general).size();
            discord.say(general, alice, "!hello");
            discord.say(general, alice, "?help");
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> true);
            assertThat(discord.botMessages(general)).hasSize(before);
        } finally {
            host.stop();
        }

        assertThat(jda.getStatus()).isEqualTo(JDA.Status.CONNECTED);
        assertThat(pool.isClosed()).isFalse();
        try (Connection connection = pool.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        assertThat(jda.getRegisteredListeners()).isEmpty();
        assertThat(DISCORD.emulator().control().openGatewayConnections()).isEqualTo(1);
        List<ApplicationCommand> after = DISCORD.emulator().control().commands(guild);
        assertThat(after).isEmpty();
    }
}

package dev.voicesession.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.ApplicationCommand;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.model.RequestLogEntry;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.plugin.PluginReport;
import dev.voicesession.host.support.EmulatorDiscord;
import dev.voicesession.host.support.MutableClock;
import dev.voicesession.host.support.TestCommand;
import dev.voicesession.host.support.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.Permission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The command layer through the real protocol: the host's real JDA shards against the emulator, with
 * the {@code hello} test plugin loaded from a jar (next to a plugin that fails to start).
 */
class HostCommandsEmulatorTest {

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.emulatorOnly()
            .rateLimits(RateLimitMode.OFF)
            .voice(false)
            .seed(HostCommandsEmulatorTest::seed);

    private static long fullGuild;
    private static long limitedGuild;
    private static long fullGeneral;
    private static long limitedGeneral;
    private static long alice;
    private static long bob;
    private static long carol;
    private static long boss;
    private static long fullOwner;

    private static Path dir;
    private static BotHost host;
    private static EmulatorDiscord discord;

    private static void seed(EmulatorControl control) {
        fullGuild = control.createGuild("full", Permission.getRaw(BotHost.PERMISSIONS)).id();
        EnumSet<Permission> lacking = EnumSet.copyOf(BotHost.PERMISSIONS);
        lacking.remove(Permission.MANAGE_CHANNEL);
        limitedGuild = control.createGuild("limited", Permission.getRaw(lacking)).id();
        fullGeneral = control.createTextChannel(fullGuild, "general").id();
        limitedGeneral = control.createTextChannel(limitedGuild, "general").id();
        fullOwner = control.guild(fullGuild).orElseThrow().ownerId();
        alice = control.addMember(fullGuild, "alice").userId();
        bob = control.addMember(fullGuild, "bob").userId();
        carol = control.addMember(fullGuild, "carol").userId();
        boss = control.addMember(fullGuild, "boss").userId();
        control.addMember(limitedGuild, "alice-too");
    }

    @BeforeAll
    static void startHost() throws IOException {
        dir = Files.createTempDirectory("host-commands");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.hello(plugins);
        TestPlugins.broken(plugins);
        String yaml = """
                discord:
                  token: %s
                bot:
                  owners: [%d]
                  guildPrefixes:
                    %d: "?"
                database:
                  path: %s
                plugins:
                  hello:
                    greeting: howdy
                """.formatted(DISCORD.emulator().botToken(), boss, limitedGuild, dir.resolve("bot.db"));
        host = BotHost.builder()
                .config(ConfigLoader.parse(yaml, "test.yml", Map.of()))
                .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
                .pluginsDir(plugins)
                .command(new TestCommand(CommandSpec.builder("echo").help("Echoes").arguments("<text>")
                        .cooldown(Duration.ofHours(1)).build(), event -> event.reply(event.args())))
                .command(new TestCommand(CommandSpec.builder("manage").help("Needs Manage Channels")
                        .botPermissions(Permission.MANAGE_CHANNEL).build(), event -> event.reply("managed")))
                .command(new TestCommand(CommandSpec.builder("admin").help("Needs Manage Server")
                        .userPermissions(Permission.MANAGE_SERVER).build(), event -> event.reply("admin ok")))
                .command(new TestCommand(CommandSpec.builder("boom").help("Throws").build(), event -> {
                    throw new IllegalStateException("boom on purpose");
                }))
                .jdaCustomizer(builder -> EmulatorClients.configure(builder, DISCORD.emulator()))
                .start();
        discord = new EmulatorDiscord(DISCORD.emulator());
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.stop();
        }
    }

    private long channel(String name) {
        return discord.newTextChannel(host, fullGuild, name);
    }

    @Test
    @DisplayName("a plugin that throws on start is skipped; the host and the other plugin run")
    void brokenPluginSkipped() {
        assertThat(host.pluginReport().started()).containsExactly("hello");
        assertThat(host.pluginReport().find("broken")).map(PluginReport.Entry::status)
                .contains(PluginReport.Status.FAILED);
    }

    @Test
    @DisplayName("'!hello' answers with the plugin's configured greeting, without pinging anyone")
    void prefixCommand() {
        long channel = channel("prefix");

        discord.say(channel, alice, "!hello");

        discord.awaitBotMessage(channel, "howdy from hello");
        List<RequestLogEntry> posts = discord.control().requestLog("POST", "channels/{channel_id}/messages").stream()
                .filter(entry -> entry.path().contains(String.valueOf(channel)))
                .toList();
        assertThat(posts).singleElement().satisfies(post -> {
            assertThat(post.requestBody()).contains("\"allowed_mentions\"");
            assertThat(post.requestBody()).containsPattern("\"parse\"\\s*:\\s*\\[\\s*]");
            assertThat(post.requestBody()).containsPattern("\"replied_user\"\\s*:\\s*false");
        });
    }

    @Test
    @DisplayName("commands are registered as slash commands; '/hello say' and '/help' answer")
    void slashCommands() {
        assertThat(discord.control().commands(null)).extracting(ApplicationCommand::name)
                .contains("help", "queue", "shutdown", "hello", "echo", "manage", "admin", "boom");
        long channel = channel("slash");

        Message hello = discord.slash(fullGuild, channel, alice, "hello say", Map.of());
        Message help = discord.slash(fullGuild, channel, alice, "help", Map.of("command", "hello"));

        assertThat(hello.content()).isEqualTo("howdy from hello");
        assertThat(help.content()).startsWith("/hello say - Says hello").contains("Subcommands: done, queue");
    }

    @Test
    @DisplayName("a missing bot permission is named in the reply (and the guild's own prefix works)")
    void botPermissionMissing() {
        discord.say(limitedGeneral, discord.control().guild(limitedGuild).orElseThrow().ownerId(), "?manage");

        discord.awaitBotMessage(limitedGeneral,
                "I need the Manage Channels permission in this channel to run ?manage; ask a server admin to grant it.");
    }

    @Test
    @DisplayName("a missing user permission is named in the reply; a user who has it runs the command")
    void userPermissionMissing() {
        long channel = channel("perms");

        discord.say(channel, alice, "!admin");
        discord.awaitBotMessage(channel, "You need the Manage Server permission in this channel to use !admin.");
        discord.say(channel, fullOwner, "!admin");
        discord.awaitBotMessage(channel, "admin ok");
    }

    @Test
    @DisplayName("a second run within the cooldown is refused with the time left")
    void cooldown() {
        long channel = channel("cooldown");

        discord.say(channel, bob, "!echo one");
        discord.awaitBotMessage(channel, "one");
        discord.say(channel, bob, "!echo two");

        discord.awaitBotMessage(channel, "!echo is on cooldown for you; try again in 3600 seconds.");
        assertThat(discord.botMessages(channel)).extracting(Message::content).doesNotContain("two");
    }

    @Test
    @DisplayName("'!help' lists the commands a user may run")
    void help() {
        long channel = channel("help");

        discord.say(channel, alice, "!help");

        Message help = discord.awaitBotMessage(channel, message -> message.content().startsWith("Commands:"));
        assertThat(help.content())
                .contains("!help [command] - Lists the commands, or explains one")
                .contains("!queue - Shows the conversation queue")
                .contains("!hello - Says hello")
                .contains("  !hello done - Completes your hello request")
                .doesNotContain("!shutdown");
    }

    @Test
    @DisplayName("queued requests: one status message per user, edited as the queue moves; '!queue' shows it")
    void queueAndStatusEdits() {
        long channel = channel("queue");

        discord.say(channel, alice, "!hello queue");
        Message aliceStatus = discord.awaitBotMessage(channel, m -> m.content().equals("serving " + alice));
        discord.say(channel, carol, "!hello queue");
        Message carolStatus = discord.awaitBotMessage(channel,
                m -> m.content().equals("hello request waiting, position 1"));
        discord.say(channel, carol, "!hello queue");
        discord.awaitBotMessage(channel, "you already have a hello request");

        discord.say(channel, carol, "!queue");
        Message queue = discord.awaitBotMessage(channel, m -> m.content().startsWith("Queue:"));
        assertThat(queue.content()).isEqualTo("Queue: 1 of 1 slot in use, 1 waiting.\n"
                + "Active: <@" + alice + "> hello, for less than a minute\n"
                + "1. <@" + carol + "> hello, waiting less than a minute");

        discord.say(channel, alice, "!hello done");
        discord.awaitBotMessage(channel, "completed");
        await().atMost(EmulatorDiscord.ANSWER_TIMEOUT).untilAsserted(() ->
                assertThat(discord.control().message(carolStatus.id()).orElseThrow().contentHistory())
                        .containsExactly("hello request waiting, position 1", "serving " + carol));
        assertThat(discord.control().message(aliceStatus.id()).orElseThrow().contentHistory())
                .containsExactly("Your hello request is starting...", "serving " + alice);

        discord.say(channel, carol, "!hello done");
        discord.awaitBotMessage(channel, m -> m.content().equals("completed") && m.id() != queue.id()
                && discord.botMessages(channel).stream().filter(x -> x.content().equals("completed")).count() == 2);
        await().atMost(EmulatorDiscord.ANSWER_TIMEOUT).until(() -> host.queue().entries().isEmpty());
    }

    @Test
    @DisplayName("an owner-only command is refused to others")
    void ownerOnly() {
        long channel = channel("owner");

        discord.say(channel, alice, "!shutdown");

        discord.awaitBotMessage(channel, "!shutdown can only be used by the bot's owners.");
        assertThat(host.isStopping()).isFalse();
    }

    @Test
    @DisplayName("a command that throws is reported to the user and the bot keeps running")
    void throwingCommand() {
        long channel = channel("boom");

        discord.say(channel, alice, "!boom");

        discord.awaitBotMessage(channel, "Something went wrong while running !boom.");
        discord.say(channel, alice, "!hello");
        discord.awaitBotMessage(channel, "howdy from hello");
    }

    @Test
    @DisplayName("the bot ignores commands in messages from bots, its own included")
    void botsIgnored() {
        long channel = channel("bots");

        discord.say(channel, carol, "!echo !help");

        discord.awaitBotMessage(channel, "!help");
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> discord.botMessages(channel)
                .stream().noneMatch(message -> message.content().startsWith("Commands:")));
    }

    @Test
    @DisplayName("plugin listeners and startup participants work against Discord")
    void listenerAndStartup() {
        discord.awaitBotMessage(fullGeneral, "hello plugin ready in 2 guild(s)");
        discord.awaitBotMessage(limitedGeneral, "hello plugin ready in 2 guild(s)");
        long channel = channel("listener");

        discord.say(channel, alice, "hello listener?");

        discord.awaitBotMessage(channel, "listener of plugin hello");
    }
}

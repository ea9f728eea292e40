package dev.voicesession.voice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.gateway.IdentifyLimit;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.ChannelType;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.model.RequestLogEntry;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.jda.DaveCheck;
import dev.voicesession.voice.testing.StoredSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.audio.AudioModuleConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A bot of 4 shards whose processes share one SQLite file: after a crash that left a session in a guild of each
 * shard range, the process for shards 0-1 reconciles only its own guild's row and channel and leaves the other
 * range's untouched (no request about that guild at all); the process for 2-3 then cleans its own.
 */
class VoiceShardProcessesIT {

    private static final int SHARDS = 4;
    private static final boolean DAVE_AVAILABLE = DaveCheck.run();

    @TempDir
    Path dir;

    private DiscordEmulator emulator;
    private EmulatorControl control;
    private Path pluginsDir;
    private Path dbFile;
    private Space low;
    private Space high;
    private final List<BotHost> hosts = new ArrayList<>();

    /** A guild with voice enabled, its category and text channel, and the member who asks for a session. */
    private record Space(Guild guild, Channel category, Channel text, Member member) {}

    @BeforeEach
    void setUp() {
        // The paced session controller of EmulatorClients keeps to the window; short, so that start is quick.
        emulator = DiscordEmulator.builder().rateLimits(RateLimitMode.OFF)
                .identifyLimit(IdentifyLimit.discord().withWindow(Duration.ofMillis(100))).build().start();
        control = emulator.control();
        pluginsDir = dir.resolve("plugins");
        dbFile = dir.resolve("data").resolve("bot.db");
        copyPluginJar();
        low = space(0);
        high = space(3);
    }

    @AfterEach
    void tearDown() {
        hosts.forEach(host -> {
            if (!host.isStopping()) {
                host.stopWithoutCleanup();
            }
        });
        emulator.close();
    }

    @Test
    @DisplayName("after a crash, the process for shards 0-1 reconciles only its guilds' rows and channels")
    void eachProcessReconcilesOnlyItsOwnGuilds() {
        // GIVEN a crash of a process running all 4 shards, with a session in a guild of each range
        BotHost all = start(null);
        control.userSendsMessage(low.text().id(), low.member().userId(), "!voice");
        control.userSendsMessage(high.text().id(), high.member().userId(), "!voice");
        Channel lowChannel = awaitConnectedSession(low);
        Channel highChannel = awaitConnectedSession(high);
        all.stopWithoutCleanup();
        StoredSession highRow = latestRow(high).orElseThrow();
        assertThat(highRow.active()).isTrue();
        assertThat(latestRow(low).orElseThrow().active()).isTrue();
        List<String> highStatus = statusTexts(high);

        // WHEN only the process for shards 0-1 starts
        long restarted = System.nanoTime();
        BotHost lowProcess = start("0-1");

        // THEN its own guild's session is ended as an orphan and its channel deleted...
        assertThat(lowProcess.discord().servesGuild(low.guild().id())).isTrue();
        assertThat(lowProcess.discord().servesGuild(high.guild().id())).isFalse();
        assertThat(control.channel(lowChannel.id())).isEmpty();
        StoredSession lowRow = latestRow(low).orElseThrow();
        assertThat(lowRow.endReason()).isEqualTo("orphan");
        assertThat(lowRow.channelDeletedAt()).isNotBlank();
        // ...and the other range's row, channel and status message are exactly as the crash left them
        assertThat(latestRow(high)).contains(highRow);
        assertThat(control.channel(highChannel.id())).isPresent();
        assertThat(statusTexts(high)).isEqualTo(highStatus);
        assertThat(requestsSince(restarted)).as("no request of process 0-1 concerns the other range's guild")
                .noneMatch(request -> concerns(request, high, highChannel));

        // WHEN the process for shards 2-3 starts too, THEN it cleans its own guild
        start("2-3");
        assertThat(control.channel(highChannel.id())).isEmpty();
        assertThat(latestRow(high).orElseThrow().endReason()).isEqualTo("orphan");
        assertThat(latestRow(low)).contains(lowRow);
    }

    // ---- the world

    /** A guild on the given shard (the id's {@code (id >> 22) % 4}) with a category, a text channel and a member. */
    private Space space(int shard) {
        Guild guild = control.createGuildOnShard("guild-" + shard, shard, SHARDS);
        Channel category = control.createCategory(guild.id(), "Voice");
        Channel text = control.createTextChannel(guild.id(), "general");
        Member member = control.addMember(guild.id(), "user-" + shard);
        return new Space(guild, category, text, member);
    }

    private BotHost start(String range) {
        String yaml = """
                discord:
                  token: "%s"
                  restUrl: "%s"
                  gatewayUrl: "%s"
                  readyTimeout: 30s
                  shards:
                    total: %d
                %s
                bot:
                  prefix: "!"
                  shutdownDeadline: 10s
                  slashCommands: "off"
                queue:
                  slots: 2
                database:
                  path: "%s"
                plugins:
                  dir: "%s"
                  voice:
                    enabled: true
                    connectTimeout: 10s
                    deleteBackoff: 200ms
                    guilds:
                      "%d":
                        enabled: true
                        category: "%d"
                      "%d":
                        enabled: true
                        category: "%d"
                """.formatted(emulator.botToken(), emulator.restBaseUrl(), emulator.gatewayUrl(), SHARDS,
                range == null ? "" : "    range: " + range, dbFile, pluginsDir, low.guild().id(), low.category().id(),
                high.guild().id(), high.category().id());
        BotHost host = BotHost.builder()
                .config(ConfigLoader.parse(yaml, "shards-" + range + ".yml", Map.of()))
                .pluginsDir(pluginsDir)
                .jdaCustomizer(builder -> {
                    EmulatorClients.configure(builder, emulator);
                    if (!DAVE_AVAILABLE) {
                        builder.setAudioModuleConfig(new AudioModuleConfig());
                    }
                })
                .start();
        hosts.add(host);
        return host;
    }

    private void copyPluginJar() {
        String jar = System.getProperty("voice.plugin.jar");
        if (jar == null) {
            throw new IllegalStateException("voice.plugin.jar is not set: run the integration tests with Maven (failsafe)");
        }
        try {
            Files.createDirectories(pluginsDir);
            Files.copy(Path.of(jar), pluginsDir.resolve("voice-plugin.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- inspecting

    private Channel awaitConnectedSession(Space space) {
        await().atMost(Duration.ofSeconds(20)).until(() -> sessionChannel(space).isPresent());
        Channel channel = sessionChannel(space).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> control.voiceState(space.guild().id(), emulator.bot().id())
                .map(state -> state.channelId() == channel.id()).orElse(false));
        await().atMost(Duration.ofSeconds(20)).until(() -> latestRow(space).map(StoredSession::active).orElse(false));
        return channel;
    }

    private Optional<Channel> sessionChannel(Space space) {
        return control.channels(space.guild().id()).stream()
                .filter(channel -> channel.type() == ChannelType.VOICE)
                .filter(channel -> channel.overwrite(space.member().userId()).isPresent())
                .findFirst();
    }

    private Optional<StoredSession> latestRow(Space space) {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + dbFile);
        try (Connection connection = sqlite.getConnection()) {
            return StoredSession.readAll(connection).stream()
                    .filter(row -> row.guildId() == space.guild().id())
                    .reduce((first, second) -> second);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read voice_sessions", e);
        }
    }

    /** Every text the bot showed in the space's text channel, edits included. */
    private List<String> statusTexts(Space space) {
        return control.messages(space.text().id()).stream()
                .filter(message -> message.authorId() == emulator.bot().id())
                .map(Message::contentHistory)
                .flatMap(List::stream)
                .toList();
    }

    private List<RequestLogEntry> requestsSince(long nanoTime) {
        return control.requestLog().stream().filter(request -> request.arrivedNanos() >= nanoTime).toList();
    }

    private static boolean concerns(RequestLogEntry request, Space space, Channel sessionChannel) {
        return request.path().contains(Long.toString(space.guild().id()))
                || request.path().contains(Long.toString(space.text().id()))
                || request.path().contains(Long.toString(sessionChannel.id()));
    }
}

package dev.voicesession.voice.it;

import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.core.GuildService;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.ChannelType;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.jda.DaveCheck;
import dev.voicesession.voice.testing.StoredSession;
import dev.voicesession.voice.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import net.dv8tion.jda.api.audio.AudioModuleConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One emulated Discord with a guild ("voice-it": a category, a text channel, members alice, bob and
 * a moderator) and the real host running the real plugin jar from {@code target/} against it, over an
 * SQLite file (the default) or a database of the test PostgreSQL cluster, given to the host through
 * {@code database.url}.
 */
final class VoiceWorld implements AutoCloseable {

    static final long MANAGE_CHANNELS = 1L << 4;
    private static final boolean DAVE_AVAILABLE = DaveCheck.run();

    final DiscordEmulator emulator = DiscordEmulator.builder().rateLimits(RateLimitMode.OFF).build().start();
    final EmulatorControl control = emulator.control();
    final Path dir;
    final Path pluginsDir;
    final Path dbFile;
    final Guild guild;
    final Channel category;
    final Channel text;
    final Member alice;
    final Member bob;
    final Member moderator;
    final TestDatabase.Kind kind;
    private final DataSource db;
    private final TestDatabase postgres;
    BotHost host;

    VoiceWorld(Path dir) {
        this(dir, GuildService.DEFAULT_BOT_PERMISSIONS);
    }

    VoiceWorld(Path dir, TestDatabase.Kind kind) {
        this(dir, GuildService.DEFAULT_BOT_PERMISSIONS, kind);
    }

    VoiceWorld(Path dir, long botPermissions) {
        this(dir, botPermissions, TestDatabase.Kind.SQLITE);
    }

    VoiceWorld(Path dir, long botPermissions, TestDatabase.Kind kind) {
        this.kind = kind;
        this.dir = dir;
        this.pluginsDir = dir.resolve("plugins");
        this.dbFile = dir.resolve("data").resolve("bot.db");
        copyPluginJar();
        guild = control.createGuild("voice-it", botPermissions);
        category = control.createCategory(guild.id(), "Voice");
        text = control.createTextChannel(guild.id(), "general");
        alice = control.addMember(guild.id(), "alice");
        bob = control.addMember(guild.id(), "bob");
        long modRole = control.createRole(guild.id(), "mods", MANAGE_CHANNELS).id();
        moderator = control.addMember(guild.id(), "mod", modRole);
        if (kind == TestDatabase.Kind.POSTGRESQL) {
            postgres = TestDatabase.empty(kind, dir);
            db = postgres.dataSource();
        } else {
            postgres = null;
            SQLiteDataSource sqlite = new SQLiteDataSource();
            sqlite.setUrl("jdbc:sqlite:" + dbFile);
            db = sqlite;
        }
    }

    /** The host's database keys: the SQLite file, or the PostgreSQL database's URL and credentials. */
    private String databaseKeys() {
        if (postgres == null) {
            return "path: \"%s\"".formatted(dbFile);
        }
        return "url: \"%s\"\n  user: \"%s\"\n  password: \"%s\"".formatted(
                postgres.postgres().url(), postgres.postgres().user(), postgres.postgres().password());
    }

    /**
     * Holds the voice table's write lock on {@code statement}'s connection until {@code ROLLBACK}: SQLite's
     * {@code BEGIN IMMEDIATE}, PostgreSQL's {@code LOCK TABLE ... IN EXCLUSIVE MODE} (reads still go on).
     */
    void lockWrites(Statement statement) throws SQLException {
        statement.execute(postgres == null
                ? "BEGIN IMMEDIATE"
                : "BEGIN; LOCK TABLE voice_sessions IN EXCLUSIVE MODE");
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

    /** The voice section with the guild enabled, its category set and the given extra lines (YAML, 4 spaces in). */
    String voiceSection(String extra) {
        return """
                  voice:
                    enabled: true
                    connectTimeout: 10s
                    deleteBackoff: 200ms
                    # these tests send !voice twice in a row on purpose and want the duplicate reply, not a cooldown
                    startCooldown: 0s
                %s
                    guilds:
                      "%d":
                        enabled: true
                        category: "%d"
                """.formatted(extra, guild.id(), category.id());
    }

    BotHost start() {
        return start(voiceSection(""), 1);
    }

    /** Starts the host with extra plugin-wide voice keys, for example {@code "    timeout: 2s"}. */
    BotHost startWith(String extraVoiceLines) {
        return start(voiceSection(extraVoiceLines), 1);
    }

    /** A status or reply text the bot showed, waited for. */
    void awaitBotText(String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> botTexts().contains(text));
    }

    StoredSession awaitEnded(Member member) {
        await().atMost(Duration.ofSeconds(30)).until(() -> latestRow(member).map(r -> !r.active()).orElse(false));
        return latestRow(member).orElseThrow();
    }

    /** Waits until the member's session channel exists and the bot is connected in it. */
    Channel awaitConnectedSession(Member member) {
        Channel channel = awaitSessionChannel(member);
        await().atMost(Duration.ofSeconds(20)).until(() -> botInVoice(channel.id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> botTexts().contains("Join <#" + channel.id() + ">"));
        return channel;
    }

    boolean channelExists(long channelId) {
        return control.channel(channelId).isPresent();
    }

    BotHost start(String voiceSection, int slots) {
        writeConfig(voiceSection, slots);
        host = BotHost.builder()
                .configFile(configFile())
                .pluginsDir(pluginsDir)
                .jdaCustomizer(builder -> {
                    EmulatorClients.configure(builder, emulator);
                    if (!DAVE_AVAILABLE) {
                        // libdave needs glibc 2.38; where it cannot load, use JDA's pass-through DAVE session.
                        // The emulator negotiates DAVE protocol version 0 (transport encryption only) anyway.
                        builder.setAudioModuleConfig(new AudioModuleConfig());
                    }
                })
                .start();
        return host;
    }

    /** The host's configuration file, which {@link BotHost#reload()} re-reads. */
    Path configFile() {
        return dir.resolve("bot.yml");
    }

    /** Writes the host's configuration file with this voice section and slot count. */
    void writeConfig(String voiceSection, int slots) {
        String yaml = """
                discord:
                  token: "%s"
                  restUrl: "%s"
                  gatewayUrl: "%s"
                  readyTimeout: 30s
                  shards:
                    total: 1
                bot:
                  prefix: "!"
                  shutdownDeadline: 10s
                  slashCommands: guilds
                queue:
                  slots: %d
                database:
                  %s
                plugins:
                  dir: "%s"
                %s
                """.formatted(emulator.botToken(), emulator.restBaseUrl(), emulator.gatewayUrl(), slots,
                databaseKeys(), pluginsDir, voiceSection);
        try {
            Files.writeString(configFile(), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- acting

    void say(Member member, String content) {
        control.userSendsMessage(text.id(), member.userId(), content);
    }

    void joinVoice(Member member, long channelId) {
        control.userJoinsVoice(guild.id(), member.userId(), channelId);
    }

    // ---- inspecting

    long botId() {
        return emulator.bot().id();
    }

    /** The voice channel whose overwrites name the member: the session channel. */
    Optional<Channel> sessionChannel(Member member) {
        return control.channels(guild.id()).stream()
                .filter(c -> c.type() == ChannelType.VOICE)
                .filter(c -> c.overwrite(member.userId()).isPresent())
                .findFirst();
    }

    Channel awaitSessionChannel(Member member) {
        await().atMost(Duration.ofSeconds(20)).until(() -> sessionChannel(member).isPresent());
        return sessionChannel(member).orElseThrow();
    }

    boolean botInVoice(long channelId) {
        return control.voiceState(guild.id(), botId()).map(v -> v.channelId() == channelId).orElse(false);
    }

    /** The bot's messages in the text channel, each with every text it showed (edits included). */
    List<List<String>> botMessages() {
        return control.messages(text.id()).stream()
                .filter(m -> m.authorId() == botId())
                .map(Message::contentHistory)
                .toList();
    }

    /** Every text the bot showed in the text channel, edits included, as one string for assertions. */
    String botTexts() {
        return botMessages().stream().flatMap(List::stream).collect(Collectors.joining("\n"));
    }

    List<StoredSession> rows() {
        try (Connection connection = db.getConnection()) {
            return StoredSession.readAll(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read voice_sessions", e);
        }
    }

    Optional<StoredSession> latestRow(Member member) {
        return rows().stream().filter(r -> r.userId() == member.userId()).reduce((a, b) -> b);
    }

    List<StoredSession> activeRows() {
        return rows().stream().filter(StoredSession::active).toList();
    }

    /** A new connection to the bot's database, for a test that holds a lock; the caller closes it. */
    Connection openConnection() throws SQLException {
        return db.getConnection();
    }

    void sql(String statement) {
        try (Connection connection = db.getConnection();
                Statement st = connection.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + statement, e);
        }
    }

    @Override
    public void close() {
        if (host != null && !host.isStopping()) {
            host.stopWithoutCleanup();
        }
        emulator.close();
    }
}

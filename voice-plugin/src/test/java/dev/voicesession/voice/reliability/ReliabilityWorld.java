package dev.voicesession.voice.reliability;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.core.GuildService;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.model.RequestLogEntry;
import dev.voicesession.emulator.rest.RateLimitConfig;
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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.audio.AudioModuleConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The reliability tests' world: one emulated Discord with several guilds (each with a category, a text
 * channel, users and a moderator) and the real host running the real plugin jar against it. Unlike the
 * single-guild {@code VoiceWorld} of the lifecycle tests, it can enable many guilds, leave some disabled,
 * give the queue several slots, and it records from the emulator's request log every channel the bot
 * created, which is how the {@link Invariants} tell the plugin's channels apart (never by name).
 */
final class ReliabilityWorld implements AutoCloseable {

    static final long MANAGE_CHANNELS = 1L << 4;
    static final long ADMINISTRATOR = 1L << 3;
    static final long VIEW_CHANNEL = 1L << 10;
    static final long SEND_MESSAGES = 1L << 11;
    static final long CONNECT = 1L << 20;
    static final long SPEAK = 1L << 21;

    /** The HTTP client's read time-out in these tests. */
    static final Duration HTTP_READ_TIMEOUT = Duration.ofSeconds(2);

    private static final boolean DAVE_AVAILABLE = DaveCheck.run();

    /** One guild of the world. */
    record Space(Guild guild, Channel category, Channel text, List<Member> users, Member moderator, boolean enabled) {
        long id() {
            return guild.id();
        }

        Member user(int index) {
            return users.get(index);
        }
    }

    final DiscordEmulator emulator;
    final EmulatorControl control;
    final List<Space> spaces = new ArrayList<>();
    private final Path pluginsDir;
    private final Path dbFile;
    private final Settings settings;
    private final SQLiteDataSource sqlite = new SQLiteDataSource();
    private final Set<Long> createdChannels = ConcurrentHashMap.newKeySet();
    private final Map<Long, CopyOnWriteArrayList<Long>> replies = new ConcurrentHashMap<>();
    private final Map<Long, CopyOnWriteArrayList<Integer>> replyFailures = new ConcurrentHashMap<>();
    private final Map<Long, Integer> lastEditStatus = new ConcurrentHashMap<>();
    private final List<Instant> sessionsLost = new CopyOnWriteArrayList<>();
    BotHost host;

    /** How a world is built; every field has a default that suits the fault tests. */
    static final class Settings {
        int guilds = 1;
        int disabledGuilds;
        int usersPerGuild = 2;
        int slots = 1;
        long botPermissions = GuildService.DEFAULT_BOT_PERMISSIONS;
        int trafficLogCapacity = 200_000;
        String userPrefix = "user";
        /** The emulator's gateway limit per connection: Discord's 120 per 60 s unless a test shortens it. */
        int gatewayEvents = 120;
        /** Discord-like REST limits when set; off by default. */
        RateLimitConfig restLimits;
        Duration gatewayWindow = Duration.ofSeconds(60);
        /** Plugin-wide voice keys, one per line, without indentation: for example {@code timeout: 2s}. */
        List<String> voice = new ArrayList<>(List.of(
                "timeout: 1500ms", "connectTimeout: 6s", "restTimeout: 1s", "createTimeout: 1s",
                "deleteBackoff: 100ms",
                "reconnectAttempts: 1", "startCooldown: 0s", "cleanupRetryDelay: 1s"));

        Settings guilds(int count) {
            this.guilds = count;
            return this;
        }

        Settings disabledGuilds(int count) {
            this.disabledGuilds = count;
            return this;
        }

        Settings usersPerGuild(int count) {
            this.usersPerGuild = count;
            return this;
        }

        Settings slots(int count) {
            this.slots = count;
            return this;
        }

        Settings botPermissions(long permissions) {
            this.botPermissions = permissions;
            return this;
        }

        /** The emulator closes a gateway connection (4008) that sends more than {@code events} per {@code window}. */
        Settings gatewayLimit(int events, Duration window) {
            this.gatewayEvents = events;
            this.gatewayWindow = window;
            return this;
        }

        /** The emulator enforces Discord-like REST rate limits with these buckets. */
        Settings restLimits(RateLimitConfig limits) {
            this.restLimits = limits;
            return this;
        }

        Settings userPrefix(String prefix) {
            this.userPrefix = prefix;
            return this;
        }

        /** Sets (or replaces) one plugin-wide voice key, for example {@code voice("timeout", "2s")}. */
        /** {@code discord.globalRateLimit}: the host's default (Discord's 50 a second) unless a test sets it. */
        String globalRateLimit = "50";

        Settings globalRateLimit(String value) {
            this.globalRateLimit = value;
            return this;
        }

        Settings voice(String key, String value) {
            voice.removeIf(line -> line.startsWith(key + ":"));
            voice.add(key + ": " + value);
            return this;
        }
    }

    ReliabilityWorld(Path dir, Settings settings) {
        this.settings = settings;
        this.emulator = DiscordEmulator.builder()
                .rateLimits(settings.restLimits == null ? RateLimitMode.OFF : RateLimitMode.DISCORD)
                .rateLimitConfig(settings.restLimits == null ? RateLimitConfig.discord() : settings.restLimits)
                .trafficLogCapacity(settings.trafficLogCapacity)
                .gatewayRateLimit(settings.gatewayEvents, settings.gatewayWindow)
                .build()
                .start();
        this.control = emulator.control();
        this.pluginsDir = dir.resolve("plugins");
        this.dbFile = dir.resolve("data").resolve("bot.db");
        copyPluginJar();
        int total = settings.guilds + settings.disabledGuilds;
        for (int g = 0; g < total; g++) {
            boolean enabled = g < settings.guilds;
            Guild guild = control.createGuild("guild-" + g, settings.botPermissions);
            Channel category = control.createCategory(guild.id(), "Voice");
            Channel text = control.createTextChannel(guild.id(), "general");
            List<Member> users = new ArrayList<>();
            for (int u = 0; u < settings.usersPerGuild; u++) {
                users.add(control.addMember(guild.id(), settings.userPrefix + "-" + g + "-" + u));
            }
            long modRole = control.createRole(guild.id(), "mods", MANAGE_CHANNELS).id();
            Member moderator = control.addMember(guild.id(), "mod-" + g, modRole);
            spaces.add(new Space(guild, category, text, List.copyOf(users), moderator, enabled));
        }
        sqlite.setUrl("jdbc:sqlite:" + dbFile);
        control.addRequestListener(this::recordRequest);
    }

    static ReliabilityWorld start(Path dir, Settings settings) {
        ReliabilityWorld world = new ReliabilityWorld(dir, settings);
        try {
            world.startHost();
        } catch (RuntimeException e) {
            world.close();
            throw e;
        }
        return world;
    }

    /** Called by the emulator for every REST request answered: indexes channels created, replies and edits. */
    private void recordRequest(RequestLogEntry entry) {
        boolean ok = entry.status() / 100 == 2;
        if ("POST".equals(entry.method()) && "guilds/{guild_id}/channels".equals(entry.route()) && ok) {
            Json.id(entry.responseBody()).ifPresent(createdChannels::add);
        } else if ("POST".equals(entry.method()) && "channels/{channel_id}/messages".equals(entry.route())) {
            Json.repliesTo(entry.requestBody()).ifPresent(to -> {
                if (ok) {
                    Json.id(entry.responseBody()).ifPresent(id -> replies.computeIfAbsent(to,
                            k -> new CopyOnWriteArrayList<>()).addIfAbsent(id));
                } else {
                    replyFailures.computeIfAbsent(to, k -> new CopyOnWriteArrayList<>()).add(entry.status());
                }
            });
        } else if ("PATCH".equals(entry.method()) && "channels/{channel_id}/messages/{message_id}".equals(entry.route())) {
            String path = entry.path();
            lastEditStatus.put(Long.parseUnsignedLong(path.substring(path.lastIndexOf('/') + 1)), entry.status());
        }
    }

    /** The ids of the bot's messages that reply to {@code messageId} (one, normally). */
    List<Long> repliesTo(long messageId) {
        List<Long> ids = replies.get(messageId);
        return ids == null ? List.of() : List.copyOf(ids);
    }

    /** The statuses of the bot's replies to {@code messageId} that Discord did not accept. */
    List<Integer> failedRepliesTo(long messageId) {
        List<Integer> statuses = replyFailures.get(messageId);
        return statuses == null ? List.of() : List.copyOf(statuses);
    }

    /** The status of the last edit of a message by the bot, or 0 if it was never edited. */
    int lastEditStatus(long messageId) {
        return lastEditStatus.getOrDefault(messageId, 0);
    }

    /** Drops the bot's gateway (as {@code control.dropGateway}) and remembers when, if the session is lost. */
    void dropGateway(boolean resumable) {
        if (!resumable) {
            sessionsLost.add(Instant.now());
        }
        control.dropGateway(resumable);
    }

    /**
     * Whether a gateway drop without resume happened within a second of {@code at}: a command sent then may
     * never have reached the bot, since Discord replays nothing to a new session.
     */
    boolean sessionLostNear(Instant at) {
        return sessionsLost.stream().anyMatch(drop -> Duration.between(drop, at).abs().compareTo(Duration.ofSeconds(1)) <= 0);
    }

    /**
     * What each shard's gateway is doing, for a report when it does not come back: its JDA status, and the
     * stacks of the host's JDA threads (which show where a reconnect waits).
     */
    String gatewayReport() {
        StringBuilder report = new StringBuilder();
        host.discord().shards().forEach(jda -> report.append("shard ").append(jda.getShardInfo().getShardId())
                .append(": ").append(jda.getStatus()).append("; "));
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("JDA") || thread.getName().startsWith("SessionController")) {
                report.append(System.lineSeparator()).append("  thread '").append(thread.getName()).append("' ")
                        .append(thread.getState());
                for (int i = 0; i < Math.min(stack.length, 12); i++) {
                    report.append(System.lineSeparator()).append("    at ").append(stack[i]);
                }
            }
        });
        return report.toString();
    }

    /** Whether every shard's gateway is connected, so commands reach the bot. */
    boolean gatewayConnected() {
        return host.discord().shards().stream().allMatch(jda -> jda.getStatus() == JDA.Status.CONNECTED);
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

    BotHost startHost() {
        StringBuilder guilds = new StringBuilder();
        for (Space space : spaces) {
            if (space.enabled()) {
                guilds.append("      \"").append(space.id()).append("\":\n")
                        .append("        enabled: true\n")
                        .append("        category: \"").append(space.category().id()).append("\"\n");
            }
        }
        StringBuilder voice = new StringBuilder();
        for (String line : settings.voice) {
            voice.append("    ").append(line).append('\n');
        }
        String yaml = """
                discord:
                  token: "%s"
                  restUrl: "%s"
                  gatewayUrl: "%s"
                  readyTimeout: 60s
                  globalRateLimit: %s
                  shards:
                    total: 1
                bot:
                  prefix: "!"
                  shutdownDeadline: 10s
                  slashCommands: guilds
                queue:
                  slots: %d
                database:
                  path: "%s"
                  busyTimeout: 1s
                plugins:
                  dir: "%s"
                  voice:
                    enabled: true
                %s    guilds:
                %s""".formatted(emulator.botToken(), emulator.restBaseUrl(), emulator.gatewayUrl(), settings.globalRateLimit,
                settings.slots,
                dbFile, pluginsDir, voice, guilds.length() == 0 ? "      {}\n" : guilds);
        host = BotHost.builder()
                .config(ConfigLoader.parse(yaml, "reliability", Map.of()))
                .pluginsDir(pluginsDir)
                // A read time-out of 2 s instead of OkHttp's 10 s, so that a slow answer passes every client
                // time-out quickly (the plugin's own REST time-out is 1 s here).
                .httpCustomizer(http -> http.readTimeout(HTTP_READ_TIMEOUT))
                .jdaCustomizer(builder -> {
                    EmulatorClients.configure(builder, emulator);
                    if (!DAVE_AVAILABLE) {
                        // libdave needs glibc 2.38; where it cannot load, JDA's pass-through DAVE session is used.
                        builder.setAudioModuleConfig(new AudioModuleConfig());
                    }
                })
                .start();
        return host;
    }

    // ---- acting

    Space space(int index) {
        return spaces.get(index);
    }

    /** A user posts {@code content} in the space's text channel; returns the message, whose id replies refer to. */
    Message say(Space space, Member member, String content) {
        return control.userSendsMessage(space.text().id(), member.userId(), content);
    }

    void join(Space space, Member member, long channelId) {
        control.userJoinsVoice(space.id(), member.userId(), channelId);
    }

    // ---- inspecting

    long botId() {
        return emulator.bot().id();
    }

    /** Every channel the bot created over REST, by the ids in the request log's responses. */
    Set<Long> createdChannels() {
        return Set.copyOf(createdChannels);
    }

    Optional<Channel> channel(long channelId) {
        return control.channel(channelId);
    }

    boolean botInVoice(Space space, long channelId) {
        return control.voiceState(space.id(), botId()).map(v -> v.channelId() == channelId).orElse(false);
    }

    /** The rows, read through a connection of its own (the host's pool may be closed or busy in a fault test). */
    List<StoredSession> rows() {
        try (Connection connection = sqlite.getConnection()) {
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA busy_timeout = 10000");
            }
            return StoredSession.readAll(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read voice_sessions", e);
        }
    }

    /** Runs SQL on the bot's database through a connection of its own, as an operator (or a fault) would. */
    void sql(String statement) {
        try (Connection connection = sqlite.getConnection();
                Statement st = connection.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + statement, e);
        }
    }

    Connection openConnection() throws SQLException {
        return sqlite.getConnection();
    }

    @Override
    public void close() {
        try {
            if (host != null && !host.isStopping()) {
                host.stop();
            }
        } finally {
            emulator.close();
        }
    }
}

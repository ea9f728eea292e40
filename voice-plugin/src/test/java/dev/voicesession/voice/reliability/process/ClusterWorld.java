package dev.voicesession.voice.reliability.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.ChannelType;
import dev.voicesession.emulator.model.DispatchLogEntry;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.testing.postgres.PostgresCluster;
import dev.voicesession.testing.postgres.PostgresDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A bot of {@link #SHARDS} shards run by several host processes (children, the real {@code Main}), each with its
 * own shard range, all sharing one PostgreSQL database and one emulated Discord. Guilds are created until every
 * shard has {@link #GUILDS_PER_SHARD} of them. Watches from outside what the cluster test asks: the bot's
 * voice connections over the whole cluster (from the gateway's VOICE_STATE_UPDATE dispatches), the channels, the
 * rows and the queue's table.
 */
final class ClusterWorld implements AutoCloseable {

    static final int SHARDS = 8;
    static final int GUILDS_PER_SHARD = 2;
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One guild of the bot: its shard, the plugin's category and the text channel users ask in. */
    record Space(Guild guild, int shard, Channel category, Channel text) {}

    /** One host process's part of the bot. */
    record Part(String name, int firstShard, int lastShard) {
        boolean runs(int shard) {
            return shard >= firstShard && shard <= lastShard;
        }
    }

    final DiscordEmulator emulator;
    final EmulatorControl control;
    final Path dir;
    final Path pluginsDir;
    final Path certFile;
    final PostgresDatabase database;
    final List<Space> spaces = new ArrayList<>();
    final List<Part> parts;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final Map<String, HostProcess> hosts = new ConcurrentHashMap<>();
    private final Map<String, Integer> launches = new ConcurrentHashMap<>();
    private final String extraYaml;
    /** The channel the bot is in per guild, from the dispatches; the most at once over the run. */
    private final Map<Long, Long> botVoice = new ConcurrentHashMap<>();
    private int mostBotVoice;
    /**
     * Guilds whose bot voice state belongs to a killed process: Discord keeps showing the bot there until the
     * restarted process cleans up, but no process has a connection (or a GPU) there any more.
     */
    private final Set<Long> deadVoice = new HashSet<>();

    ClusterWorld(Path dir, List<Part> parts, DiscordEmulator.Builder emulatorBuilder, String extraYaml) {
        this.dir = dir;
        this.parts = List.copyOf(parts);
        this.extraYaml = extraYaml;
        this.pluginsDir = dir.resolve("plugins");
        this.certFile = dir.resolve("emulator-voice.pem");
        this.database = PostgresCluster.shared().createDatabase("cluster");
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        this.emulator = emulatorBuilder.rateLimits(RateLimitMode.OFF).build().start();
        this.control = emulator.control();
        copyPluginJar();
        emulator.voiceServer().writeCertificatePem(certFile);
        createGuilds();
        control.addDispatchListener(this::onDispatch);
    }

    private void copyPluginJar() {
        String jar = System.getProperty("voice.plugin.jar");
        if (jar == null) {
            throw new IllegalStateException("voice.plugin.jar is not set: run the integration tests with Maven");
        }
        try {
            Files.createDirectories(pluginsDir);
            Files.copy(Path.of(jar), pluginsDir.resolve("voice-plugin.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #GUILDS_PER_SHARD} guilds on every shard (Discord's {@code (id >> 22) % shards} of their ids). */
    private void createGuilds() {
        for (int shard = 0; shard < SHARDS; shard++) {
            for (int i = 0; i < GUILDS_PER_SHARD; i++) {
                Guild guild = control.createGuildOnShard("cluster-" + shard + "-" + i, shard, SHARDS);
                Channel category = control.createCategory(guild.id(), "Voice");
                Channel text = control.createTextChannel(guild.id(), "general");
                spaces.add(new Space(guild, shard, category, text));
            }
        }
    }

    private void onDispatch(DispatchLogEntry entry) {
        if (!"VOICE_STATE_UPDATE".equals(entry.type())) {
            return;
        }
        try {
            JsonNode data = JSON.readTree(entry.data());
            if (data.path("user_id").asLong() != botId()) {
                return;
            }
            long guildId = data.path("guild_id").asLong();
            JsonNode channel = data.path("channel_id");
            synchronized (botVoice) {
                deadVoice.remove(guildId);
                if (channel.isNull() || channel.isMissingNode()) {
                    botVoice.remove(guildId);
                } else {
                    botVoice.put(guildId, channel.asLong());
                }
                mostBotVoice = Math.max(mostBotVoice, botVoice.size() - deadVoice.size());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable dispatch " + entry.data(), e);
        }
    }

    /** Marks the bot's voice states in the part's guilds as a dead process's, when it is killed. */
    void killed(Part part) {
        synchronized (botVoice) {
            Set<Long> guilds = guildIdsOf(part);
            botVoice.keySet().stream().filter(guilds::contains).forEach(deadVoice::add);
        }
    }

    /**
     * The most voice connections the bot had at once, over every guild of every live process: the bot's voice
     * states from the gateway's dispatches, less those a killed process left until they are cleaned up.
     */
    int mostBotVoiceConnections() {
        synchronized (botVoice) {
            return mostBotVoice;
        }
    }

    long botId() {
        return emulator.bot().id();
    }

    Space spaceOf(long guildId) {
        return spaces.stream().filter(s -> s.guild().id() == guildId).findFirst().orElseThrow();
    }

    Part partOf(Space space) {
        return parts.stream().filter(p -> p.runs(space.shard())).findFirst().orElseThrow();
    }

    // ---- the processes

    String configYaml(Part part) {
        String guilds = spaces.stream()
                .map(s -> "      \"" + s.guild().id() + "\":\n        enabled: true\n        category: \""
                        + s.category().id() + "\"")
                .collect(Collectors.joining("\n"));
        return """
                discord:
                  token: "%s"
                  restUrl: "%s"
                  gatewayUrl: "%s"
                  trustCertificate: "%s"
                  readyTimeout: 60s
                  identifyInterval: %dms
                  shards:
                    total: %d
                    range: "%d-%d"
                bot:
                  prefix: "!"
                  shutdownDeadline: 15s
                  slashCommands: "off"
                database:
                  url: "%s"
                  user: "%s"
                  password: "%s"
                %s
                plugins:
                  dir: "%s"
                  voice:
                    enabled: true
                    timeout: 30s
                    connectTimeout: 10s
                    restTimeout: 5s
                    createTimeout: 10s
                    deleteBackoff: 100ms
                    startCooldown: 0s
                    cleanupRetryDelay: 1s
                    guilds:
                %s
                logging:
                  level: INFO
                  file: "%s"
                """.formatted(emulator.botToken(), emulator.restBaseUrl(), emulator.gatewayUrl(), certFile,
                control.identifyLimit().window().toMillis(), SHARDS,
                part.firstShard(), part.lastShard(), database.url(), database.user(), database.password(), extraYaml,
                pluginsDir, guilds, dir.resolve("logs-" + part.name()).resolve("bot.log"));
    }

    /** Launches a part's process with a fresh config file and returns without waiting. */
    HostProcess launch(Part part) {
        Path config = dir.resolve("bot-" + part.name() + ".yml");
        try {
            Files.writeString(config, configYaml(part));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int launch = launches.merge(part.name(), 1, Integer::sum);
        HostProcess host = HostProcess.launch(config, dir.resolve("run-" + part.name() + "-" + launch), Map.of());
        HostProcess previous = hosts.put(part.name(), host);
        if (previous != null) {
            previous.close();
        }
        return host;
    }

    /** Starts every part at once and waits until each takes commands. */
    void startAll() {
        List<HostProcess> started = parts.stream().map(this::launch).toList();
        started.forEach(host -> host.awaitStarted(START_TIMEOUT));
    }

    HostProcess host(Part part) {
        return hosts.get(part.name());
    }

    // ---- watching the queue's table

    /**
     * What the watch saw of one request: when its process received the command ({@code arrival}), stored it
     * ({@code createdAt}) and granted it ({@code grantedAt}, 0 until seen), epoch milliseconds of the hosts' clock.
     */
    record Request(long id, long arrival, long createdAt, long grantedAt) {}

    private final Map<Long, Request> seen = new ConcurrentHashMap<>();
    private volatile Thread watch;
    private volatile SQLException watchFailure;

    /**
     * Reads the queue's table every 20 ms until {@link #stopWatching()}: every request lives at least as long as
     * its user stays in the channel, so each one's arrival, storing and grant are seen.
     */
    void watchQueue() {
        watch = Thread.ofPlatform().name("cluster-queue-watch").daemon(true).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try (Connection connection = dataSource.getConnection();
                        Statement st = connection.createStatement();
                        ResultSet rs = st.executeQuery("SELECT id, arrival, created_at, granted_at FROM"
                                + " host_queue_request")) {
                    while (rs.next()) {
                        Request request = new Request(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                        seen.merge(request.id(), request, (old, now) -> old.grantedAt() != 0 ? old : now);
                    }
                } catch (SQLException e) {
                    // reported by stopWatching, on the test's thread
                    watchFailure = e;
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Stops the watch and returns every request it saw; fails if the watch could not read the table. */
    List<Request> stopWatching() throws InterruptedException {
        watch.interrupt();
        watch.join();
        if (watchFailure != null) {
            throw new IllegalStateException("Cannot read host_queue_request", watchFailure);
        }
        return List.copyOf(seen.values());
    }

    // ---- inspecting

    /** Voice channels in the bot's guilds: the world seeds none, so every one is the plugin's. */
    List<Channel> pluginChannels() {
        List<Channel> channels = new ArrayList<>();
        for (Space space : spaces) {
            control.channels(space.guild().id()).stream()
                    .filter(c -> c.type() == ChannelType.VOICE)
                    .forEach(channels::add);
        }
        return channels;
    }

    /** The user's session channel in their guild, if one exists now. */
    Optional<Channel> sessionChannel(Space space, Member member) {
        return control.channels(space.guild().id()).stream()
                .filter(c -> c.type() == ChannelType.VOICE)
                .filter(c -> c.overwrite(member.userId()).isPresent())
                .findFirst();
    }

    boolean botIn(Space space, long channelId) {
        return control.voiceState(space.guild().id(), botId()).map(v -> v.channelId() == channelId).orElse(false);
    }

    /** The newest text of the bot's reply to {@code askId}, or empty while there is none. */
    Optional<String> replyTo(Space space, long askId) {
        return control.messages(space.text().id()).stream()
                .filter(m -> m.authorId() == botId() && Long.valueOf(askId).equals(m.referencedMessageId()))
                .map(m -> m.content())
                .findFirst();
    }

    /** Rows of {@code voice_sessions} without {@code ended_at}. */
    List<Long> activeRows() {
        return ids("SELECT id FROM voice_sessions WHERE ended_at IS NULL");
    }

    /** Requests in the host's queue table, waiting or active, in any process. */
    List<Long> queuedRequests() {
        return ids("SELECT id FROM host_queue_request");
    }

    private List<Long> ids(String sql) {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + sql, e);
        }
        return ids;
    }

    Set<Long> guildIdsOf(Part part) {
        Set<Long> ids = new HashSet<>();
        spaces.stream().filter(s -> part.runs(s.shard())).forEach(s -> ids.add(s.guild().id()));
        return ids;
    }

    @Override
    public void close() {
        try {
            for (HostProcess host : hosts.values()) {
                if (host.isAlive()) {
                    host.terminate(Duration.ofSeconds(30));
                }
            }
        } finally {
            hosts.values().forEach(HostProcess::close);
            emulator.close();
        }
    }
}

package dev.voicesession.voice.reliability.process;

import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.ChannelType;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.testing.postgres.PostgresCluster;
import dev.voicesession.testing.postgres.PostgresDatabase;
import dev.voicesession.voice.testing.TestDatabase;
import dev.voicesession.voice.testing.StoredSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A standalone emulated Discord in the test JVM and the real host in a child process pointed at it
 * through its config file ({@code discord.restUrl}, {@code gatewayUrl}, {@code trustCertificate}), with the
 * real plugin jar, a SQLite file (or a PostgreSQL database of the test cluster) and short timeouts. The guild has a category for the plugin's channels, a
 * text channel, alice, bob, a moderator, and two voice channels the plugin must never touch: one named like
 * a session channel inside the category, one outside it.
 */
final class ProcessWorld implements AutoCloseable {

    static final long MANAGE_CHANNELS = 1L << 4;
    static final Duration START_TIMEOUT = Duration.ofSeconds(45);

    final DiscordEmulator emulator = DiscordEmulator.builder().rateLimits(RateLimitMode.OFF).build().start();
    final EmulatorControl control = emulator.control();
    final Path dir;
    final Path pluginsDir;
    final Path dbFile;
    /** The PostgreSQL database the host uses instead of {@link #dbFile}, or {@code null} for SQLite. */
    final PostgresDatabase postgres;
    final Path logFile;
    final Path certFile;
    final Guild guild;
    final Channel category;
    final Channel text;
    final Channel lookalike;
    final Channel lobby;
    final Member alice;
    final Member bob;
    final Member moderator;
    final SessionRows rows;
    private final Set<Long> seededChannels = new HashSet<>();
    private final List<Duration> startups = new ArrayList<>();
    private int launches;
    volatile HostProcess host;

    ProcessWorld(Path dir) {
        this(dir, dir.resolve("data").resolve("bot.db"));
    }

    ProcessWorld(Path dir, Path dbFile) {
        this(dir, dbFile, null);
    }

    /**
     * A world whose host keeps its data in {@code kind}: an SQLite file in {@code dir}, or a fresh database of
     * the PostgreSQL test cluster.
     */
    ProcessWorld(Path dir, TestDatabase.Kind kind) {
        this(dir, dir.resolve("data").resolve("bot.db"),
                kind == TestDatabase.Kind.POSTGRESQL ? PostgresCluster.shared().createDatabase("crash") : null);
    }

    private ProcessWorld(Path dir, Path dbFile, PostgresDatabase postgres) {
        this.dir = dir;
        this.postgres = postgres;
        this.pluginsDir = dir.resolve("plugins");
        this.dbFile = dbFile;
        this.logFile = dir.resolve("logs").resolve("bot.log");
        this.certFile = dir.resolve("emulator-voice.pem");
        this.rows = postgres == null ? SessionRows.sqlite(dbFile) : SessionRows.postgres(postgres);
        copyPluginJar();
        emulator.voiceServer().writeCertificatePem(certFile);
        guild = control.createGuild("process-it");
        category = control.createCategory(guild.id(), "Voice");
        text = control.createTextChannel(guild.id(), "general");
        lookalike = control.createVoiceChannel(guild.id(), "Voice-alice", category.id());
        lobby = control.createVoiceChannel(guild.id(), "Lobby");
        alice = control.addMember(guild.id(), "alice");
        bob = control.addMember(guild.id(), "bob");
        long modRole = control.createRole(guild.id(), "mods", MANAGE_CHANNELS).id();
        moderator = control.addMember(guild.id(), "mod", modRole);
        control.channels(guild.id()).forEach(c -> seededChannels.add(c.id()));
    }

    private void copyPluginJar() {
        String jar = System.getProperty("voice.plugin.jar");
        if (jar == null) {
            throw new IllegalStateException(
                    "voice.plugin.jar is not set: run the integration tests with Maven (failsafe)");
        }
        try {
            Files.createDirectories(pluginsDir);
            Files.copy(Path.of(jar), pluginsDir.resolve("voice-plugin.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the host

    /** The plugin-wide voice keys the tests use unless they add their own (YAML, 4 spaces in). */
    static final String VOICE_DEFAULTS = """
                timeout: 30s
                connectTimeout: 5s
                restTimeout: 5s
                createTimeout: 5s
                deleteBackoff: 100ms
                shutdownDeadline: 10s
                startCooldown: 0s
                cleanupRetryDelay: 1s
            """;

    /** The configuration text: everything pointed at the emulator and the test's directory. */
    String configYaml(String extraVoiceLines) {
        return """
                discord:
                  token: "%s"
                  restUrl: "%s"
                  gatewayUrl: "%s"
                  trustCertificate: "%s"
                  readyTimeout: 20s
                  shards:
                    total: 1
                bot:
                  prefix: "!"
                  owners: ["%d"]
                  shutdownDeadline: 15s
                  slashCommands: "off"
                queue:
                  slots: 1
                database:
                %s
                plugins:
                  dir: "%s"
                  voice:
                    enabled: true
                %s%s
                    guilds:
                      "%d":
                        enabled: true
                        category: "%d"
                logging:
                  level: INFO
                  file: "%s"
                """.formatted(emulator.botToken(), emulator.restBaseUrl(), emulator.gatewayUrl(), certFile,
                moderator.userId(), databaseYaml(), pluginsDir, VOICE_DEFAULTS, extraVoiceLines, guild.id(), category.id(),
                logFile);
    }

    /** The {@code database} section's keys, two spaces in. */
    private String databaseYaml() {
        if (postgres == null) {
            return "  path: \"" + dbFile + "\"\n  busyTimeout: 2s";
        }
        return "  url: \"" + postgres.url() + "\"\n  user: \"" + postgres.user() + "\"\n  password: \""
                + postgres.password() + "\"";
    }

    Path writeConfig(String extraVoiceLines) {
        return writeConfigText(configYaml(extraVoiceLines));
    }

    Path writeConfigText(String yaml) {
        Path file = dir.resolve("bot.yml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Launches the host with the current config file and returns without waiting. */
    HostProcess launch(Map<String, String> env) {
        if (host != null) {
            host.close();
        }
        launches++;
        host = HostProcess.launch(dir.resolve("bot.yml"), dir.resolve("run-" + launches), env);
        return host;
    }

    /** Launches the host and waits until it takes commands (reconciliation done). */
    HostProcess startHost() {
        if (!Files.exists(dir.resolve("bot.yml"))) {
            writeConfig("");
        }
        launch(Map.of());
        startups.add(host.awaitStarted(START_TIMEOUT));
        return host;
    }

    /**
     * Makes sure the host's class-data archive matches its jar: if not, starts the host once and stops it
     * with SIGTERM, which writes the archive, so that every later start is faster.
     */
    void warmUp() {
        if (HostProcess.classArchiveStale()) {
            startHost();
            host.terminate(Duration.ofSeconds(30));
            HostProcess.markClassArchiveCurrent();
        }
    }

    List<Duration> startups() {
        return List.copyOf(startups);
    }

    // ---- acting

    void say(Member member, String content) {
        control.userSendsMessage(text.id(), member.userId(), content);
    }

    void joinVoice(Member member, long channelId) {
        control.userJoinsVoice(guild.id(), member.userId(), channelId);
    }

    void leaveVoice(Member member) {
        control.userLeavesVoice(guild.id(), member.userId());
    }

    // ---- inspecting

    long botId() {
        return emulator.bot().id();
    }

    /** The id of the newest message in the text channel, to look only at what comes after. */
    long messageMark() {
        return control.messages(text.id()).stream().mapToLong(Message::id).max().orElse(0);
    }

    /** Every text the bot showed in messages newer than {@code mark}, edits included. */
    String botTextsSince(long mark) {
        return control.messages(text.id()).stream()
                .filter(m -> m.authorId() == botId() && m.id() > mark)
                .flatMap(m -> m.contentHistory().stream())
                .collect(Collectors.joining("\n"));
    }

    void awaitBotText(long mark, String part, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(25)).until(() -> botTextsSince(mark).contains(part));
    }

    /** Voice channels in the guild the test did not create: the plugin's. */
    List<Channel> pluginChannels() {
        return control.channels(guild.id()).stream()
                .filter(c -> c.type() == ChannelType.VOICE)
                .filter(c -> !seededChannels.contains(c.id()))
                .toList();
    }

    Optional<Channel> sessionChannel(Member member) {
        return pluginChannels().stream().filter(c -> c.overwrite(member.userId()).isPresent()).findFirst();
    }

    Optional<Long> botVoiceChannel() {
        return control.voiceState(guild.id(), botId()).map(v -> v.channelId()).filter(id -> id != 0);
    }

    /**
     * The three invariants and the rows' own consistency, checked when no session should be live (after a
     * restart's reconciliation, or after every session ended): no plugin channel without an active session,
     * no active session whose channel is gone, no active session at all, every row whole, the test's own
     * channels untouched, the bot in no voice channel, and the queue empty (asked with {@code !queue}).
     *
     * @return what is wrong; empty when everything holds
     */
    List<String> violationsAtRest() {
        List<String> violations = new ArrayList<>();
        List<StoredSession> all = rows.all();
        Set<Long> activeChannels = all.stream().filter(StoredSession::active).map(StoredSession::channelId)
                .collect(Collectors.toSet());
        for (Channel channel : pluginChannels()) {
            violations.add((activeChannels.contains(channel.id()) ? "channel of a session that should have ended: "
                    : "channel without an active session: ") + channel.id() + " '" + channel.name() + "'");
        }
        for (StoredSession row : all) {
            violations.addAll(row.defects());
            if (row.active()) {
                boolean exists = row.channelId() != 0 && control.channel(row.channelId()).isPresent();
                violations.add((exists ? "active session left after restart: row " : "active session whose channel is"
                        + " gone: row ") + row.id() + " channel " + row.channelId());
            }
        }
        for (long seeded : seededChannels) {
            if (control.channel(seeded).isEmpty()) {
                violations.add("a channel the plugin does not own was deleted: " + seeded);
            }
        }
        botVoiceChannel().ifPresent(channel -> violations.add("the bot is still in voice channel " + channel));
        if (host != null && host.isAlive()) {
            long mark = messageMark();
            say(moderator, "!queue");
            try {
                awaitBotText(mark, "The queue is", Duration.ofSeconds(10));
                if (!botTextsSince(mark).contains("The queue is empty")) {
                    violations.add("queue slot held without a live session: " + botTextsSince(mark));
                }
            } catch (ConditionTimeoutException e) {
                violations.add("the bot did not answer !queue within 10 s");
            }
        }
        return violations;
    }

    /**
     * The status messages of sessions a restart ended that do not say so: for every row active before the
     * restart that names its status message, the message's latest text must say that the session ended.
     * Reconciliation sends that edit without waiting for it, so it is waited for here.
     *
     * @param activeBefore the rows that were active when the host died
     * @return one line per status message that still shows an older text
     */
    List<String> staleStatusMessages(List<StoredSession> activeBefore) {
        List<String> stale = new ArrayList<>();
        for (StoredSession row : activeBefore) {
            if (row.statusMessageId() == 0) {
                continue;
            }
            try {
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> control.message(row.statusMessageId())
                                .map(m -> m.content().startsWith("Voice session ended"))
                                .orElse(true));
            } catch (ConditionTimeoutException e) {
                stale.add("status message " + row.statusMessageId() + " of row " + row.id() + " still reads '"
                        + control.message(row.statusMessageId()).map(m -> m.content()).orElse("") + "' after the restart");
            }
        }
        return stale;
    }

    @Override
    public void close() {
        try {
            if (host != null && host.isAlive()) {
                // SIGTERM, so that the last host stops in order (and may write the class-data archive)
                host.terminate(Duration.ofSeconds(30));
            }
        } finally {
            emulator.faults().clear();
            emulator.close();
        }
    }
}

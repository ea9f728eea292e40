package dev.voicesession.host.sandbox;

import dev.voicesession.api.config.PluginConfig;
import dev.voicesession.emulator.console.ConsoleHost;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.HostConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's bot host as the web console sees it. It starts a host, starts a new one when the console
 * asks for a restart (after stopping the old one in order, or as a crash would), and reads the voice
 * plugin's {@code voice_sessions} table through the running host's pool, and the log, for the console.
 */
final class SandboxHost implements ConsoleHost {
    private static final Logger log = LoggerFactory.getLogger(SandboxHost.class);
    private static final String VOICE_PLUGIN = "voice";
    private static final Duration DEFAULT_JOIN_TIMEOUT = Duration.ofSeconds(60);

    private final Supplier<BotHost> starter;
    private final SandboxLog logLines;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Object lock = new Object();
    private volatile BotHost current;
    private volatile Status status = Status.STOPPED;
    private boolean restarting;
    private boolean closed;

    /**
     * Creates the host without starting it.
     *
     * @param starter starts a new host, the same way each time
     * @param logLines the process log the console shows
     */
    SandboxHost(Supplier<BotHost> starter, SandboxLog logLines) {
        this.starter = starter;
        this.logLines = logLines;
    }

    /**
     * Starts the first host.
     *
     * @return the running host
     */
    BotHost start() {
        synchronized (lock) {
            return startNext();
        }
    }

    // Called with the lock held.
    private BotHost startNext() {
        status = Status.STARTING;
        try {
            BotHost host = starter.get();
            current = host;
            status = Status.RUNNING;
            Thread.ofVirtual().name("sandbox-host-watch").start(() -> watch(host));
            return host;
        } catch (RuntimeException e) {
            status = Status.STOPPED;
            throw e;
        }
    }

    /** Ends the sandbox's run when a host stops by itself (the owners' shutdown command) rather than by a restart. */
    private void watch(BotHost host) {
        try {
            host.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (lock) {
            if (host == current && !restarting) {
                status = Status.STOPPED;
                finished.complete(null);
            }
        }
    }

    @Override
    public void restart(boolean clean) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The sandbox is stopping; the host is not restarted");
            }
            restarting = true;
            try {
                BotHost old = current;
                status = Status.STOPPING;
                log.info("Sandbox: stopping the host ({}) to start it again",
                        clean ? "in order" : "without cleanup, as a crash would");
                if (clean) {
                    old.stop();
                } else {
                    old.stopWithoutCleanup();
                }
                log.info("Sandbox: starting the host again");
                startNext();
            } finally {
                restarting = false;
            }
        }
    }

    /** Stops the running host in order, for good. */
    void stop() {
        BotHost host;
        synchronized (lock) {
            closed = true;
            host = current;
        }
        if (host != null) {
            host.stop();
        }
        status = Status.STOPPED;
        finished.complete(null);
    }

    /**
     * Waits until the host stops by itself or the sandbox stops it; restarts do not count.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void awaitStop() throws InterruptedException {
        try {
            finished.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: the finished future never fails", e);
        }
    }

    @Override
    public String description() {
        BotHost host = current;
        return host == null ? "bot host" : "bot host with plugins " + host.pluginReport().started();
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public List<Session> sessions() {
        BotHost host = current;
        if (host == null || status != Status.RUNNING) {
            return List.of();
        }
        List<Session> sessions = new ArrayList<>();
        try (Connection connection = host.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM voice_sessions ORDER BY id")) {
            ResultSetMetaData columns = rows.getMetaData();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.put(columns.getColumnLabel(i), rows.getObject(i));
                }
                sessions.add(new Session(row, id(row.get("guild_id")), id(row.get("channel_id")),
                        id(row.get("user_id")), row.get("ended_at") == null));
            }
        } catch (SQLException e) {
            // No table before the plugin's first start, or a pool closing under a restart: show nothing.
            log.debug("Sandbox console cannot read voice_sessions: {}", e.getMessage());
            return List.of();
        }
        return sessions;
    }

    private static long id(Object value) {
        return value == null ? 0 : Long.parseUnsignedLong(value.toString());
    }

    @Override
    public List<LogLine> log(long afterSequence, int max) {
        return logLines.after(afterSequence, max);
    }

    @Override
    public Optional<Duration> joinTimeout(long guildId) {
        BotHost host = current;
        if (host == null || !host.pluginReport().started().contains(VOICE_PLUGIN)) {
            return Optional.empty();
        }
        HostConfig config = host.config();
        PluginConfig voice = config.pluginConfig(VOICE_PLUGIN);
        PluginConfig guild = voice.forGuild(guildId);
        boolean enabled = voice.getBoolean("enabled", false) && voice.configuredGuilds().contains(guildId)
                && guild.getBoolean("enabled", false);
        return enabled ? Optional.of(guild.getDuration("timeout", DEFAULT_JOIN_TIMEOUT)) : Optional.empty();
    }
}

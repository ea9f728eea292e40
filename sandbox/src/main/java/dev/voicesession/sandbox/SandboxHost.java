package dev.voicesession.sandbox;

import dev.voicesession.api.inspect.Activity;
import dev.voicesession.api.inspect.ActivityReporter;
import dev.voicesession.emulator.console.ConsoleHost;
import dev.voicesession.host.BotHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's bot host as the web console sees it. It starts a host, starts a new one when the console
 * asks for a restart (after stopping the old one in order, or as a crash would), and shows the plugins'
 * work through their {@link ActivityReporter} extensions, and the log, for the console.
 */
final class SandboxHost implements ConsoleHost {
    private static final Logger log = LoggerFactory.getLogger(SandboxHost.class);

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
        for (ActivityReporter reporter : host.extensions(ActivityReporter.class)) {
            try {
                for (Activity activity : reporter.activities()) {
                    sessions.add(new Session(activity.details(), activity.guildId(), activity.channelId(),
                            activity.userId(), activity.active()));
                }
            } catch (RuntimeException e) {
                // boundary around plugin code; a pool closing under a restart is expected: show nothing
                log.debug("Sandbox console cannot read the activities of '{}': {}", reporter.getClass().getName(),
                        e.getMessage());
            }
        }
        return sessions;
    }

    @Override
    public List<LogLine> log(long afterSequence, int max) {
        return logLines.after(afterSequence, max);
    }

    @Override
    public Optional<Duration> joinTimeout(long guildId) {
        BotHost host = current;
        if (host == null || status != Status.RUNNING) {
            return Optional.empty();
        }
        return host.extensions(ActivityReporter.class).stream()
                .map(reporter -> reporter.joinTimeout(guildId))
                .flatMap(Optional::stream)
                .findFirst();
    }
}

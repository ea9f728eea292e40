package dev.voicesession.voice.session;

import static org.awaitility.Awaitility.await;

import dev.voicesession.voice.config.VoiceSettings;
import dev.voicesession.voice.db.SessionRepository;
import dev.voicesession.voice.db.SessionRow;
import dev.voicesession.voice.model.EndReason;
import dev.voicesession.voice.reconcile.Reconciler;
import dev.voicesession.voice.testing.FakeDiscord;
import dev.voicesession.voice.testing.FakeTicket;
import dev.voicesession.voice.testing.ManualScheduler;
import dev.voicesession.voice.testing.MapPluginConfig;
import dev.voicesession.voice.testing.MutableClock;
import dev.voicesession.voice.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/** The session classes wired over a fake Discord, a manual scheduler and a real SQLite file. */
final class SessionHarness implements AutoCloseable {

    static final long GUILD = 100;
    static final long USER = 200;
    static final long OTHER = 201;
    static final long CATEGORY = 300;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final FakeDiscord discord = new FakeDiscord(clock, GUILD);
    final TestDatabase database;
    final SessionRepository repository;
    final SessionRegistry registry = new SessionRegistry();
    final VoiceSettings settings;
    final SessionManager manager;
    final Reconciler reconciler;
    /** Guilds a cleanup reported as having something left behind. */
    final List<Long> leftovers = new CopyOnWriteArrayList<>();

    SessionHarness(Path dir) {
        this(dir, Map.of());
    }

    SessionHarness(Path dir, Map<String, String> extraConfig) {
        Map<String, String> config = new HashMap<>(Map.of(
                "guilds." + GUILD + ".category", Long.toString(CATEGORY),
                "deleteBackoff", "500ms",
                "connectTimeout", "2s"));
        config.putAll(extraConfig);
        this.settings = VoiceSettings.load(MapPluginConfig.enabledFor(GUILD, config));
        this.database = TestDatabase.migrated(dir);
        this.repository = database.repository();
        SessionDeps deps = new SessionDeps(settings, repository, discord, scheduler, clock, registry);
        this.manager = new SessionManager(deps, leftovers::add);
        this.reconciler = new Reconciler(deps, guildId -> true);
    }

    FakeTicket grant(long userId) {
        FakeTicket ticket = new FakeTicket(userId, GUILD);
        manager.onGranted(ticket);
        return ticket;
    }

    /** Grants a request and drives the session until the bot is connected and the join timer runs. */
    VoiceSession waitingSession(long userId) {
        grant(userId);
        return driveUntilState(userId, SessionState.WAITING_FOR_USER);
    }

    /** A session whose user has joined. */
    VoiceSession activeSession(long userId) {
        VoiceSession session = waitingSession(userId);
        userJoins(session);
        awaitState(session, SessionState.ACTIVE);
        return session;
    }

    void userJoins(VoiceSession session) {
        discord.userJoins(session.channelId(), session.userId());
        manager.onVoiceUpdate(GUILD, session.userId(), false, 0, session.channelId());
    }

    void userLeaves(VoiceSession session) {
        discord.userLeaves(session.channelId(), session.userId());
        manager.onVoiceUpdate(GUILD, session.userId(), false, session.channelId(), 0);
    }

    /** Advances the manual clock in small steps until {@code condition} holds. */
    void driveUntil(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (condition.call()) {
                return true;
            }
            scheduler.advance(Duration.ofMillis(100));
            return condition.call();
        });
    }

    VoiceSession driveUntilState(long userId, SessionState state) {
        driveUntil(() -> registry.byUser(userId).map(s -> s.state() == state).orElse(false));
        return registry.byUser(userId).orElseThrow();
    }

    void awaitState(VoiceSession session, SessionState state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> session.state() == state);
    }

    EndReason awaitClosed(VoiceSession session) {
        driveUntil(() -> session.closed().isDone());
        return session.closed().join();
    }

    Optional<SessionRow> row(VoiceSession session) {
        return repository.findById(session.rowId());
    }

    List<SessionRow> allRows() {
        return repository.findUnreconciled(GUILD);
    }

    @Override
    public void close() {
        scheduler.close();
    }
}

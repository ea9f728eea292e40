package dev.voicesession.voice.session;

import dev.voicesession.api.Scheduler;
import dev.voicesession.voice.config.VoiceSettings;
import dev.voicesession.voice.db.SessionRepository;
import dev.voicesession.voice.discord.DiscordActions;
import java.time.Clock;
import java.util.Objects;

/**
 * What the session classes share. Everything is fixed for the plugin's life except the settings, which a
 * configuration reload replaces: new sessions take the new per-guild settings (a running session keeps the
 * ones it was granted with), and every enablement check reads the current ones.
 */
public final class SessionDeps {

    private volatile VoiceSettings settings;
    private final SessionRepository repository;
    private final DiscordActions discord;
    private final Scheduler scheduler;
    private final Clock clock;
    private final SessionRegistry registry;

    /**
     * Creates the shared services.
     *
     * @param settings the plugin's configuration at start
     * @param repository the session table
     * @param discord the Discord operations
     * @param scheduler timers and blocking work
     * @param clock every time reading
     * @param registry the sessions in memory
     */
    public SessionDeps(VoiceSettings settings, SessionRepository repository, DiscordActions discord,
            Scheduler scheduler, Clock clock, SessionRegistry registry) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.repository = repository;
        this.discord = discord;
        this.scheduler = scheduler;
        this.clock = clock;
        this.registry = registry;
    }

    /** @return the current configuration */
    public VoiceSettings settings() {
        return settings;
    }

    /**
     * Replaces the configuration, after a reload that passed every check.
     *
     * @param next the new configuration
     */
    public void settings(VoiceSettings next) {
        this.settings = Objects.requireNonNull(next, "next");
    }

    /** @return the session table */
    public SessionRepository repository() {
        return repository;
    }

    /** @return the Discord operations */
    public DiscordActions discord() {
        return discord;
    }

    /** @return timers and blocking work */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /** @return the sessions in memory */
    public SessionRegistry registry() {
        return registry;
    }
}

package dev.voicesession.voice.session;

import dev.voicesession.api.Scheduler;
import dev.voicesession.voice.config.VoiceSettings;
import dev.voicesession.voice.db.SessionRepository;
import dev.voicesession.voice.discord.DiscordActions;
import java.time.Clock;

/**
 * What the session classes share.
 *
 * @param settings the plugin's configuration
 * @param repository the session table
 * @param discord the Discord operations
 * @param scheduler timers and blocking work
 * @param clock every time reading
 * @param registry the sessions in memory
 */
public record SessionDeps(
        VoiceSettings settings,
        SessionRepository repository,
        DiscordActions discord,
        Scheduler scheduler,
        Clock clock,
        SessionRegistry registry) {}

package dev.voicesession.voice;

import dev.voicesession.voice.command.VoiceCommandService;
import dev.voicesession.voice.config.VoiceSettings;
import dev.voicesession.voice.db.SessionRepository;
import dev.voicesession.voice.reconcile.Reconciler;
import dev.voicesession.voice.session.SessionManager;

/**
 * Everything the plugin's extensions use, built once in {@link VoicePlugin#start()}.
 *
 * @param settings the configuration
 * @param repository the session table
 * @param sessions the session manager
 * @param reconciler startup and on-demand reconciliation
 * @param commands what the commands do
 */
public record VoiceServices(
        VoiceSettings settings,
        SessionRepository repository,
        SessionManager sessions,
        Reconciler reconciler,
        VoiceCommandService commands) {}

package dev.voicesession.voice;

import dev.voicesession.api.BotPlugin;
import dev.voicesession.api.PluginContext;
import dev.voicesession.voice.command.VoiceCommandService;
import dev.voicesession.voice.config.VoiceSettings;
import dev.voicesession.voice.db.SessionRepository;
import dev.voicesession.voice.db.VoiceMigrations;
import dev.voicesession.voice.discord.JdaDiscordActions;
import dev.voicesession.voice.reconcile.FollowUps;
import dev.voicesession.voice.reconcile.Reconciler;
import dev.voicesession.voice.session.SessionDeps;
import dev.voicesession.voice.session.SessionManager;
import dev.voicesession.voice.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice-session plugin: private voice channels per user, served through the host's
 * conversation queue.
 *
 * <p>{@link #start()} reads the configuration, migrates the schema and wires every service in one
 * place; the extensions (commands, listener, queue handler, startup and shutdown participants) take
 * this plugin in their constructor and reach the services through {@link #services()}.
 */
public final class VoicePlugin extends BotPlugin {

    private static final Logger log = LoggerFactory.getLogger(VoicePlugin.class);

    private volatile VoiceServices services;

    /**
     * Creates the plugin.
     *
     * @param context the host's services
     */
    public VoicePlugin(PluginContext context) {
        super(context);
    }

    @Override
    public void start() {
        PluginContext context = context();
        VoiceSettings settings = VoiceSettings.load(context.config());
        VoiceMigrations.migrate(context.dataSource(), VoicePlugin.class.getClassLoader());
        SessionRepository repository = SessionRepository.create(context.dataSource());
        SessionDeps deps = new SessionDeps(
                settings,
                repository,
                new JdaDiscordActions(context.discord(), settings.restTimeout()),
                context.scheduler(),
                context.clock(),
                new SessionRegistry());
        Reconciler reconciler = new Reconciler(deps);
        FollowUps followUps = new FollowUps(reconciler, context.scheduler(), settings.cleanupRetryDelay());
        SessionManager sessions = new SessionManager(deps, followUps);
        VoiceCommandService commands = new VoiceCommandService(deps, context.queue(), sessions, reconciler);
        services = new VoiceServices(settings, repository, sessions, reconciler, commands);
        log.info(
                "Voice plugin '{}' started: master switch {}, guild sections {}",
                context.pluginId(), settings.masterEnabled() ? "on" : "off", context.config().configuredGuilds());
    }

    @Override
    public void stop() {
        log.info("Voice plugin '{}' stopped", context().pluginId());
    }

    /**
     * Returns the plugin's services.
     *
     * @return the services
     * @throws IllegalStateException if the plugin has not started
     */
    public VoiceServices services() {
        VoiceServices current = services;
        if (current == null) {
            throw new IllegalStateException("The voice plugin has not started");
        }
        return current;
    }
}

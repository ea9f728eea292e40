package dev.voicesession.voice.wiring;

import dev.voicesession.api.PluginContext;
import dev.voicesession.api.command.BotCommand;
import dev.voicesession.voice.command.CleanupCommand;
import dev.voicesession.voice.command.CloseCommand;
import dev.voicesession.voice.command.EndCommand;
import dev.voicesession.voice.command.SessionsCommand;
import dev.voicesession.voice.command.VoiceCommand;
import dev.voicesession.voice.command.VoiceStart;
import dev.voicesession.voice.config.VoiceSettings;
import dev.voicesession.voice.db.SessionRepository;
import dev.voicesession.voice.db.VoiceMigrations;
import dev.voicesession.voice.discord.GatewayBudget;
import dev.voicesession.voice.discord.JdaDiscordActions;
import dev.voicesession.voice.inspect.SessionActivities;
import dev.voicesession.voice.reconcile.FollowUps;
import dev.voicesession.voice.reconcile.Reconciler;
import dev.voicesession.voice.session.SessionDeps;
import dev.voicesession.voice.session.SessionManager;
import dev.voicesession.voice.session.SessionRegistry;
import java.util.List;

/**
 * Every part of the voice plugin, built in one place ({@link #create}) and handed to the extensions that
 * use it: each extension takes only the parts it needs.
 *
 * @param deps what the session classes share, with the current settings
 * @param sessions the sessions: the queue handler, the listener and shutdown route to them
 * @param reconciler cleans what earlier runs or a removal left
 * @param followUps runs reconciliation again for a guild that has something left, or at once when the bot
 *     comes back to a guild
 * @param voiceCommand {@code !voice} and its children
 * @param activities what operators see of the sessions
 */
public record VoiceWiring(
        SessionDeps deps,
        SessionManager sessions,
        Reconciler reconciler,
        FollowUps followUps,
        VoiceCommand voiceCommand,
        SessionActivities activities) {

    /**
     * Migrates the plugin's schema and builds every part.
     *
     * @param context the host's services
     * @param settings the checked configuration
     * @return the parts
     */
    public static VoiceWiring create(PluginContext context, VoiceSettings settings) {
        VoiceMigrations.migrate(context.dataSource(), VoiceWiring.class.getClassLoader());
        SessionRepository repository = SessionRepository.create(context.dataSource());
        GatewayBudget gatewayBudget = new GatewayBudget(
                settings.gatewayBudget(), settings.gatewayBudgetWindow(), context.clock(), context.scheduler(),
                guildId -> context.discord().guild(guildId).isPresent());
        SessionDeps deps = new SessionDeps(
                settings,
                repository,
                new JdaDiscordActions(
                        context.discord(), settings.restTimeout(), settings.createTimeout(), gatewayBudget),
                context.scheduler(),
                context.clock(),
                new SessionRegistry());
        Reconciler reconciler = new Reconciler(deps, context.discord()::servesGuild);
        FollowUps followUps = new FollowUps(reconciler, context.scheduler(), settings.cleanupRetryDelay());
        SessionManager sessions = new SessionManager(deps, followUps);
        List<BotCommand> children = List.of(
                new CloseCommand(deps, context.queue(), sessions),
                new SessionsCommand(deps, sessions),
                new EndCommand(deps, sessions),
                new CleanupCommand(deps, reconciler));
        VoiceCommand voiceCommand = new VoiceCommand(
                new VoiceStart(deps, context.queue(), sessions), settings.startCooldown(), children);
        return new VoiceWiring(deps, sessions, reconciler, followUps, voiceCommand, new SessionActivities(deps));
    }
}

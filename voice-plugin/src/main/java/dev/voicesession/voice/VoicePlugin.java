package dev.voicesession.voice;

import dev.voicesession.api.BotPlugin;
import dev.voicesession.api.PluginContext;
import dev.voicesession.api.config.ConfigException;
import dev.voicesession.api.config.ConfigKeys;
import dev.voicesession.api.config.PluginConfig;
import dev.voicesession.voice.config.VoiceSettings;
import dev.voicesession.voice.wiring.VoiceWiring;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice-session plugin: private voice channels per user, served through the host's
 * conversation queue.
 *
 * <p>{@link #start()} reads the configuration and builds every part in {@link VoiceWiring#create}; the host
 * builds the extensions after that, and each takes the parts it needs from {@link #wiring()} in its
 * constructor. {@link #reconfigure} swaps in reloaded settings for new sessions.
 */
public final class VoicePlugin extends BotPlugin {

    private static final Logger log = LoggerFactory.getLogger(VoicePlugin.class);

    private volatile VoiceWiring wiring;
    /** The settings the plugin started with: what the restart-only keys keep until a restart. */
    private volatile VoiceSettings startedWith;

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
        wiring = VoiceWiring.create(context, settings);
        startedWith = settings;
        log.info(
                "Voice plugin '{}' started: master switch {}, guild sections {}",
                context.pluginId(), settings.masterEnabled() ? "on" : "off", context.config().configuredGuilds());
    }

    @Override
    public void stop() {
        log.info("Voice plugin '{}' stopped", context().pluginId());
    }

    @Override
    public ConfigKeys configKeys() {
        return new ConfigKeys(VoiceSettings.PLUGIN_WIDE_KEYS, VoiceSettings.PER_GUILD_KEYS);
    }

    /**
     * Checks the whole reloaded section first ({@link VoiceSettings#load}); then new sessions use its
     * per-guild enablement and settings, while running sessions keep theirs.
     *
     * @throws ConfigException if the section has a mistake; nothing changes then
     */
    @Override
    public List<String> reconfigure(PluginConfig config) {
        VoiceSettings next = VoiceSettings.load(config);
        VoiceWiring current = wiring;
        if (current == null) {
            return List.of("plugin '" + context().pluginId() + "' has not started; it reads its settings when it"
                    + " starts");
        }
        List<String> restart = startedWith.restartNeeded(next);
        current.deps().settings(next);
        log.info("Voice plugin '{}' reconfigured: master switch {}, guild sections {}; {} setting(s) wait for a"
                + " restart", context().pluginId(), next.masterEnabled() ? "on" : "off", config.configuredGuilds(),
                restart.size());
        return restart;
    }

    /**
     * Returns the plugin's parts, for its extensions, which the host builds once the plugin has started.
     *
     * @return the parts
     * @throws IllegalStateException if the plugin has not started
     */
    public VoiceWiring wiring() {
        VoiceWiring current = wiring;
        if (current == null) {
            throw new IllegalStateException("The voice plugin's extensions are built after it starts; it has not");
        }
        return current;
    }
}

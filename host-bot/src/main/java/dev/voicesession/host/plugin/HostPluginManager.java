package dev.voicesession.host.plugin;

import com.github.zafarkhaja.semver.ParseException;
import dev.voicesession.api.BotPlugin;
import dev.voicesession.api.PluginApi;
import dev.voicesession.api.PluginContext;
import dev.voicesession.api.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's PF4J plugin manager: loads plugin jars from one directory, builds plugins with their
 * {@link PluginContext}, builds extensions once with their plugin injected, takes the plugins' status
 * from the configuration, and checks each plugin's {@code Plugin-Requires} against {@link
 * PluginApi#VERSION}. A plugin that cannot load, is refused or fails to start is skipped; the others
 * go on, and {@link #report()} tells what happened to each.
 */
public final class HostPluginManager extends DefaultPluginManager {

    private static final Logger log = LoggerFactory.getLogger(HostPluginManager.class);

    private final Predicate<String> enabled;
    private final Function<String, PluginContext> contexts;
    private final BiConsumer<String, BotPlugin> pluginCheck;
    private final Map<String, String> refusals = new LinkedHashMap<>();
    private final Map<String, String> loadFailures = new LinkedHashMap<>();
    private final Set<String> disabledAtRunTime = ConcurrentHashMap.newKeySet();
    private volatile PluginLifecycle lifecycle = PluginLifecycle.NONE;

    /**
     * Creates the manager.
     *
     * @param pluginsDir the directory holding plugin jars
     * @param enabled tells whether the configuration lets a plugin id start
     * @param contexts builds the context of the plugin with the given id
     */
    public HostPluginManager(Path pluginsDir, Predicate<String> enabled, Function<String, PluginContext> contexts) {
        this(pluginsDir, enabled, contexts, (pluginId, plugin) -> {});
    }

    /**
     * Creates the manager with a check of each plugin before it starts.
     *
     * @param pluginsDir the directory holding plugin jars
     * @param enabled tells whether the configuration lets a plugin id start
     * @param contexts builds the context of the plugin with the given id
     * @param pluginCheck checks a plugin once built (for example its configuration keys); a {@link
     *     ConfigException} it throws fails that plugin and is reported by {@link #configurationFailure()}
     */
    public HostPluginManager(Path pluginsDir, Predicate<String> enabled, Function<String, PluginContext> contexts,
            BiConsumer<String, BotPlugin> pluginCheck) {
        // Assigned before super(...): PF4J's constructor calls the create* methods below, which use them.
        this.enabled = enabled;
        this.contexts = contexts;
        this.pluginCheck = pluginCheck;
        super(List.of(pluginsDir));
        setSystemVersion(PluginApi.VERSION);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return new ContextPluginFactory(id -> contexts.apply(id), (id, plugin) -> pluginCheck.accept(id, plugin));
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new InjectingExtensionFactory(this);
    }

    /**
     * Sets what happens around a plugin's start and stop while the host runs: its commands, listeners and
     * handlers are wired in after it starts, and unwired (its sessions ended) before it stops.
     *
     * @param lifecycle the host's wiring
     */
    public void lifecycle(PluginLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public PluginState startPlugin(String pluginId) {
        PluginWrapper wrapper = getPlugin(pluginId);
        boolean wasStarted = wrapper != null && wrapper.getPluginState() == PluginState.STARTED;
        PluginState state = super.startPlugin(pluginId);
        if (!wasStarted && state == PluginState.STARTED) {
            lifecycle.afterStart(pluginId);
        }
        return state;
    }

    /** Unwires a started plugin before PF4J stops it; {@code disablePlugin} and {@code unloadPlugin} come here too. */
    @Override
    protected PluginState stopPlugin(String pluginId, boolean stopDependents) {
        PluginWrapper wrapper = getPlugin(pluginId);
        if (wrapper != null && wrapper.getPluginState() == PluginState.STARTED) {
            lifecycle.beforeStop(pluginId);
        }
        PluginState state = super.stopPlugin(pluginId, stopDependents);
        if (getExtensionFactory() instanceof InjectingExtensionFactory factory) {
            factory.forget(pluginId);
        }
        return state;
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return !enabled.test(pluginId) || disabledAtRunTime.contains(pluginId);
            }

            // Disabling and enabling at run time last until the host stops; the configuration decides
            // at the next start.
            @Override
            public void disablePlugin(String pluginId) {
                disabledAtRunTime.add(pluginId);
            }

            @Override
            public void enablePlugin(String pluginId) {
                if (!enabled.test(pluginId)) {
                    throw new PluginRuntimeException("Plugin '{}' is disabled in the configuration (plugins.disabled"
                            + " or plugins.{}.enabled); enable it there and restart", pluginId, pluginId);
                }
                disabledAtRunTime.remove(pluginId);
            }
        };
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new JarPluginRepository(getPluginsRoots());
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                return new HostPluginClassLoader(pluginManager, descriptor, HostPluginManager.class.getClassLoader());
            }
        };
    }

    /**
     * Accepts a plugin only if it states the plugin-api versions it works with and this host's version is
     * one of them.
     */
    @Override
    protected boolean isPluginValid(PluginWrapper wrapper) {
        PluginDescriptor descriptor = wrapper.getDescriptor();
        String requires = descriptor.getRequires() == null ? "" : descriptor.getRequires().strip();
        String reason = null;
        if (requires.isEmpty() || requires.equals("*")) {
            reason = "it does not say which plugin-api versions it works with; add 'Plugin-Requires: >="
                    + PluginApi.VERSION + "' (or a range) to its manifest";
        } else {
            try {
                if (!super.isPluginValid(wrapper)) {
                    reason = "it requires plugin-api '" + requires + "' but this host provides " + PluginApi.VERSION
                            + "; use a build of the plugin made for plugin-api " + PluginApi.VERSION;
                }
            } catch (ParseException e) {
                reason = "its Plugin-Requires '" + requires + "' is not a version range; write it like '>="
                        + PluginApi.VERSION + " & <2.0.0'";
            }
        }
        if (reason != null) {
            refusals.put(descriptor.getPluginId(), reason);
            log.error("Plugin '{}' refused: {}", descriptor.getPluginId(), reason);
            return false;
        }
        return true;
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            PluginWrapper wrapper = super.loadPluginFromPath(pluginPath);
            String refusal = wrapper == null ? null : refusals.get(wrapper.getPluginId());
            if (refusal != null) {
                wrapper.setFailedException(new PluginRuntimeException("Plugin '{}' refused: {}", wrapper.getPluginId(),
                        refusal));
            }
            return wrapper;
        } catch (PluginRuntimeException e) {
            loadFailures.put(pluginPath.getFileName().toString(), e.getMessage());
            throw e;
        }
    }

    /**
     * Loads and starts every plugin, then logs a line for each one that did not start.
     *
     * @return what happened to each plugin
     */
    public PluginReport loadAndStart() {
        loadPlugins();
        startPlugins();
        PluginReport report = report();
        for (PluginReport.Entry entry : report.entries()) {
            switch (entry.status()) {
                case STARTED -> log.info("Plugin '{}' started", entry.pluginId());
                case DISABLED -> log.info("Plugin '{}' not started: {}", entry.pluginId(), entry.detail());
                // a mistake in the plugin's configuration stops the start and is reported once, by the caller
                default -> {
                    if (configurationMistake(entry.pluginId())) {
                        log.debug("Plugin '{}' not started: {}", entry.pluginId(), entry.detail());
                    } else {
                        log.error("Plugin '{}' skipped ({}): {}", entry.pluginId(), entry.status(), entry.detail());
                    }
                }
            }
        }
        return report;
    }

    /**
     * Stops the started plugins in reverse start order. Replaces PF4J 3.15.0's version, which removes
     * from the list it iterates (a {@code ConcurrentModificationException} once one plugin stopped) and
     * lets a plugin's unchecked exception escape; here a plugin that fails to stop is logged with its
     * id and the others still stop.
     */
    @Override
    public void stopPlugins() {
        List<PluginWrapper> started = new ArrayList<>(getStartedPlugins());
        Collections.reverse(started);
        for (PluginWrapper wrapper : started) {
            try {
                stopPlugin(wrapper.getPluginId());
            } catch (RuntimeException | LinkageError e) {
                // boundary around plugin code: one plugin must not keep the others running
                wrapper.setPluginState(PluginState.FAILED);
                wrapper.setFailedException(e);
                log.error("Plugin '{}' failed to stop", wrapper.getPluginId(), e);
            }
        }
    }

    /**
     * Finds a plugin that failed to start because of its configuration: the operator's mistake, which
     * stops the host's start like a mistake in the host's own keys, rather than leave the bot running
     * without a feature its configuration enables.
     *
     * @return the first such configuration error, naming the file or variable, the key and the fix
     */
    public Optional<ConfigException> configurationFailure() {
        return getPlugins().stream()
                .map(wrapper -> configurationMistakeOf(wrapper))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private boolean configurationMistake(String pluginId) {
        PluginWrapper wrapper = getPlugin(pluginId);
        return wrapper != null && configurationMistakeOf(wrapper).isPresent();
    }

    private static Optional<ConfigException> configurationMistakeOf(PluginWrapper wrapper) {
        if (wrapper.getPluginState() == PluginState.STARTED || wrapper.getPluginState() == PluginState.DISABLED) {
            return Optional.empty();
        }
        for (Throwable cause = wrapper.getFailedException(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigException config) {
                return Optional.of(config);
            }
        }
        return Optional.empty();
    }

    /**
     * Describes the fate of every plugin seen so far.
     *
     * @return the report
     */
    public PluginReport report() {
        List<PluginReport.Entry> entries = new ArrayList<>();
        loadFailures.forEach((file, message) ->
                entries.add(new PluginReport.Entry(file, PluginReport.Status.NOT_LOADED, message)));
        for (PluginWrapper wrapper : getPlugins()) {
            String id = wrapper.getPluginId();
            PluginState state = wrapper.getPluginState();
            if (refusals.containsKey(id)) {
                entries.add(new PluginReport.Entry(id, PluginReport.Status.REFUSED, refusals.get(id)));
            } else if (state == PluginState.STARTED) {
                entries.add(new PluginReport.Entry(id, PluginReport.Status.STARTED, ""));
            } else if (state == PluginState.DISABLED) {
                entries.add(new PluginReport.Entry(id, PluginReport.Status.DISABLED,
                        "disabled in the configuration (plugins.disabled or plugins." + id + ".enabled)"));
            } else {
                Throwable failure = wrapper.getFailedException();
                String detail = failure == null ? "state " + state : describe(failure);
                entries.add(new PluginReport.Entry(id, PluginReport.Status.FAILED, detail));
            }
        }
        return new PluginReport(entries);
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append("; caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    /**
     * Names the plugin an object (an extension) belongs to, for log lines.
     *
     * @param extension an object from a plugin or from the host
     * @return the plugin's id, or {@code host}
     */
    public String ownerOf(Object extension) {
        PluginWrapper wrapper = whichPlugin(extension.getClass());
        return wrapper == null ? "host" : wrapper.getPluginId();
    }
}

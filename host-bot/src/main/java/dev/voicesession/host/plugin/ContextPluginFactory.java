package dev.voicesession.host.plugin;

import dev.voicesession.api.BotPlugin;
import dev.voicesession.api.PluginContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Builds a plugin through its public {@code (PluginContext)} constructor. A plugin that cannot be built
 * is an error: this factory throws {@link PluginRuntimeException} with the plugin's id and the fix, and
 * never returns {@code null}.
 */
final class ContextPluginFactory implements PluginFactory {

    private final Function<String, PluginContext> contexts;
    private final BiConsumer<String, BotPlugin> check;

    /**
     * Creates the factory.
     *
     * @param contexts builds the context of the plugin with the given id
     * @param check checks a new plugin before it starts (its configuration keys); throws to refuse it
     */
    ContextPluginFactory(Function<String, PluginContext> contexts, BiConsumer<String, BotPlugin> check) {
        this.contexts = contexts;
        this.check = check;
    }

    @Override
    public Plugin create(PluginWrapper wrapper) {
        String pluginId = wrapper.getPluginId();
        String className = wrapper.getDescriptor().getPluginClass();
        Class<?> pluginClass;
        try {
            pluginClass = wrapper.getPluginClassLoader().loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new PluginRuntimeException(e, "Plugin '{}': its Plugin-Class '{}' is not in the jar; fix the"
                    + " manifest's Plugin-Class", pluginId, className);
        }
        if (!BotPlugin.class.isAssignableFrom(pluginClass) || Modifier.isAbstract(pluginClass.getModifiers())) {
            throw new PluginRuntimeException("Plugin '{}': class '{}' must be a concrete subclass of {}", pluginId,
                    className, BotPlugin.class.getName());
        }
        Constructor<?> constructor;
        try {
            constructor = pluginClass.getConstructor(PluginContext.class);
        } catch (NoSuchMethodException e) {
            throw new PluginRuntimeException(e, "Plugin '{}': class '{}' must declare a public constructor taking a"
                    + " {}", pluginId, className, PluginContext.class.getName());
        }
        BotPlugin plugin;
        try {
            plugin = (BotPlugin) constructor.newInstance(contexts.apply(pluginId));
        } catch (InvocationTargetException e) {
            throw new PluginRuntimeException(e.getCause(), "Plugin '{}': the constructor of '{}' threw", pluginId,
                    className);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new PluginRuntimeException(e, "Plugin '{}': cannot instantiate '{}'", pluginId, className);
        }
        check.accept(pluginId, plugin);
        return plugin;
    }
}

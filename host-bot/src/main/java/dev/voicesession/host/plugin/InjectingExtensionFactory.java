package dev.voicesession.host.plugin;

import dev.voicesession.api.BotPlugin;
import dev.voicesession.api.PluginContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;
import org.pf4j.ExtensionFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Builds each extension class once and hands out that instance every time (so an extension that is
 * both a command and a shutdown participant is one object). The constructor may take, in order of
 * preference, the owning plugin (its class or a supertype), the plugin's {@link PluginContext}, or
 * nothing.
 */
final class InjectingExtensionFactory implements ExtensionFactory {

    private final PluginManager pluginManager;
    private final Map<Class<?>, Object> instances = new HashMap<>();

    /**
     * Creates the factory.
     *
     * @param pluginManager tells which plugin an extension class belongs to
     */
    InjectingExtensionFactory(PluginManager pluginManager) {
        this.pluginManager = pluginManager;
    }

    @Override
    public synchronized <T> T create(Class<T> extensionClass) {
        Object instance = instances.get(extensionClass);
        if (instance == null) {
            instance = instantiate(extensionClass);
            instances.put(extensionClass, instance);
        }
        return extensionClass.cast(instance);
    }

    /**
     * Forgets the instances of one plugin's extensions, so that a plugin started again gets new ones
     * built from its fresh state.
     *
     * @param pluginId the plugin that stopped
     */
    synchronized void forget(String pluginId) {
        instances.keySet().removeIf(type -> {
            PluginWrapper owner = pluginManager.whichPlugin(type);
            return owner != null && owner.getPluginId().equals(pluginId);
        });
    }

    private Object instantiate(Class<?> extensionClass) {
        PluginWrapper owner = pluginManager.whichPlugin(extensionClass);
        String pluginId = owner == null ? "host" : owner.getPluginId();
        Plugin plugin = owner == null ? null : owner.getPlugin();
        Constructor<?> pluginConstructor = null;
        Constructor<?> contextConstructor = null;
        Constructor<?> noArgConstructor = null;
        for (Constructor<?> constructor : extensionClass.getConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 0) {
                noArgConstructor = constructor;
            } else if (parameters.length == 1 && plugin != null && parameters[0].isInstance(plugin)) {
                pluginConstructor = constructor;
            } else if (parameters.length == 1 && parameters[0] == PluginContext.class) {
                contextConstructor = constructor;
            }
        }
        try {
            if (pluginConstructor != null) {
                return pluginConstructor.newInstance(plugin);
            }
            if (contextConstructor != null && plugin instanceof BotPlugin botPlugin) {
                return contextConstructor.newInstance(botPlugin.context());
            }
            if (noArgConstructor != null) {
                return noArgConstructor.newInstance();
            }
        } catch (InvocationTargetException e) {
            throw new PluginRuntimeException(e.getCause(), "Extension '{}' of plugin '{}': its constructor threw",
                    extensionClass.getName(), pluginId);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new PluginRuntimeException(e, "Extension '{}' of plugin '{}' cannot be instantiated",
                    extensionClass.getName(), pluginId);
        }
        throw new PluginRuntimeException("Extension '{}' of plugin '{}' needs a public constructor taking the plugin"
                + " ({}), a {}, or nothing", extensionClass.getName(), pluginId,
                plugin == null ? "none" : plugin.getClass().getName(), PluginContext.class.getSimpleName());
    }
}

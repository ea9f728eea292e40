package dev.voicesession.host.plugin;

import java.util.List;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: the plugin's own jar first (so it can bring its own libraries), except for
 * the packages the host shares, which always come from the host so that host and plugins agree on one
 * copy of each class (and the native libraries of sqlite-jdbc and jdave load once).
 */
final class HostPluginClassLoader extends PluginClassLoader {

    /** Package prefixes always loaded from the host. */
    static final List<String> HOST_PACKAGES = List.of(
            "dev.voicesession.api.",
            "net.dv8tion.jda.",
            "org.slf4j.",
            "org.pf4j.",
            "club.minnced.discord.jdave.",
            "org.sqlite.");

    HostPluginClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, ClassLoader parent) {
        super(pluginManager, descriptor, parent);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return super.shouldDelegateToParent(className) || HOST_PACKAGES.stream().anyMatch(className::startsWith);
    }
}

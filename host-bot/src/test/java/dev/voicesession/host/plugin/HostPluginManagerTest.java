package dev.voicesession.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.api.PluginApi;
import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.lifecycle.ShutdownParticipant;
import dev.voicesession.api.queue.RequestHandler;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.plugin.PluginReport.Entry;
import dev.voicesession.host.plugin.PluginReport.Status;
import dev.voicesession.host.support.TestPluginContext;
import dev.voicesession.host.support.TestPlugins;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginState;

/** Loads real plugin jars, compiled and written by the test, without Discord. */
class HostPluginManagerTest {

    @TempDir
    Path plugins;

    private HostPluginManager manager;

    private HostPluginManager manager(String yaml) {
        HostConfig config = ConfigLoader.parse(yaml, "bot.yml", Map.of());
        manager = new HostPluginManager(plugins, config::isPluginEnabled,
                id -> TestPluginContext.of(id, config.pluginConfig(id)));
        return manager;
    }

    @AfterEach
    void unload() {
        if (manager != null) {
            manager.stopPlugins();
            List.copyOf(manager.getPlugins()).forEach(plugin -> manager.unloadPlugin(plugin.getPluginId()));
        }
    }

    @Test
    @DisplayName("a plugin jar is loaded, started, and its extensions are collected with their plugin injected")
    void loadsAndCollects() throws Exception {
        TestPlugins.hello(plugins);
        HostPluginManager manager = manager("plugins:\n  hello:\n    greeting: howdy\n");

        PluginReport report = manager.loadAndStart();
        PluginExtensions extensions = PluginExtensions.collect(manager, report.started());

        assertThat(manager.getSystemVersion()).isEqualTo(PluginApi.VERSION);
        assertThat(report.entries()).containsExactly(new Entry("hello", Status.STARTED, ""));
        assertThat(extensions.commands()).singleElement().satisfies(command -> {
            assertThat(command.pluginId()).isEqualTo("hello");
            assertThat(command.extension().spec().name()).isEqualTo("hello");
        });
        assertThat(extensions.handlers()).singleElement()
                .satisfies(handler -> assertThat(handler.extension().type()).as("built with the plugin").isEqualTo("hello"));
        assertThat(extensions.startup()).hasSize(1);
        assertThat(extensions.listeners()).hasSize(1);
        assertThat(extensions.shutdown()).singleElement().satisfies(participant -> {
            assertThat(participant.extension()).as("one instance per extension class")
                    .isSameAs(extensions.commands().getFirst().extension());
            assertThat(participant.extension().shutdownOrder()).isEqualTo(5);
        });
        assertThat(manager.ownerOf(extensions.handlers().getFirst().extension())).isEqualTo("hello");
        assertThat(manager.ownerOf(this)).isEqualTo("host");
    }

    @Test
    @DisplayName("the plugin sees the host's API classes, not copies of its own")
    void sharedApiClasses() throws Exception {
        TestPlugins.hello(plugins);
        HostPluginManager manager = manager("");
        PluginReport report = manager.loadAndStart();

        BotCommand command = manager.getExtensions(BotCommand.class, "hello").getFirst();
        ClassLoader pluginLoader = manager.getPluginClassLoader("hello");

        assertThat(command.getClass().getClassLoader()).isSameAs(pluginLoader);
        assertThat(pluginLoader.loadClass(BotCommand.class.getName())).isSameAs(BotCommand.class);
        assertThat(pluginLoader.loadClass(net.dv8tion.jda.api.JDA.class.getName()))
                .isSameAs(net.dv8tion.jda.api.JDA.class);
        assertThat(report.started()).containsExactly("hello");
    }

    @Test
    @DisplayName("a plugin that throws on start is reported with its id and skipped; the others start")
    void failingStart() throws Exception {
        TestPlugins.hello(plugins);
        TestPlugins.broken(plugins);
        HostPluginManager manager = manager("");

        PluginReport report = manager.loadAndStart();

        assertThat(report.started()).containsExactly("hello");
        assertThat(report.find("broken")).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo(Status.FAILED);
            assertThat(entry.detail()).contains("broken on purpose");
        });
        assertThat(manager.getPlugin("broken").getPluginState()).isEqualTo(PluginState.FAILED);
        assertThat(PluginExtensions.collect(manager, report.started()).commands()).hasSize(1);
    }

    @Test
    @DisplayName("a plugin that fails on its own configuration is reported as a configuration error, others are not")
    void configurationFailure() throws Exception {
        TestPlugins.broken(plugins);
        TestPlugins.strict(plugins);
        HostPluginManager manager = manager("plugins:\n  strict:\n    timeout: soon\n");

        manager.loadAndStart();

        assertThat(manager.configurationFailure()).hasValueSatisfying(e -> {
            assertThat(e.key()).isEqualTo("plugins.strict.timeout");
            assertThat(e.getMessage()).startsWith("bot.yml, line 3: key 'plugins.strict.timeout': has value 'soon'");
        });
    }

    @Test
    @DisplayName("a plugin that throws something else on start is no configuration error")
    void noConfigurationFailure() throws Exception {
        TestPlugins.broken(plugins);
        HostPluginManager manager = manager("");

        manager.loadAndStart();

        assertThat(manager.configurationFailure()).isEmpty();
    }

    @Test
    @DisplayName("a plugin needing another plugin-api version is refused at load with a clear message")
    void versionMismatch() throws Exception {
        TestPlugins.future(plugins);
        HostPluginManager manager = manager("");

        PluginReport report = manager.loadAndStart();

        assertThat(report.find("future")).contains(new Entry("future", Status.REFUSED,
                "it requires plugin-api '>=3.0.0' but this host provides " + PluginApi.VERSION
                        + "; use a build of the plugin made for plugin-api " + PluginApi.VERSION));
        assertThat(manager.getPlugin("future").getPluginState()).isNotEqualTo(PluginState.STARTED);
        assertThat(manager.getPlugin("future").getFailedException()).hasMessageContaining("requires plugin-api");
    }

    @Test
    @DisplayName("a plugin that does not state its plugin-api requirement is refused")
    void noRequirement() throws Exception {
        TestPlugins.unversioned(plugins);
        HostPluginManager manager = manager("");

        PluginReport report = manager.loadAndStart();

        assertThat(report.find("unversioned")).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo(Status.REFUSED);
            assertThat(entry.detail()).isEqualTo("it does not say which plugin-api versions it works with; add"
                    + " 'Plugin-Requires: >=" + PluginApi.VERSION + "' (or a range) to its manifest");
        });
    }

    @Test
    @DisplayName("a plugin that cannot be built is reported with the fix, not skipped silently")
    void factoryFailure() throws Exception {
        TestPlugins.noConstructor(plugins);
        HostPluginManager manager = manager("");

        PluginReport report = manager.loadAndStart();

        assertThat(report.find("noctor")).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo(Status.FAILED);
            assertThat(entry.detail()).contains("Plugin 'noctor': class 'test.noctor.NoCtorPlugin' must be a concrete"
                    + " subclass of dev.voicesession.api.BotPlugin");
        });
    }

    @Test
    @DisplayName("plugins listed in plugins.disabled or with enabled: false are not started")
    void disabledInConfig() throws Exception {
        TestPlugins.hello(plugins);
        TestPlugins.simple(plugins, "extra", ">=2.0.0");
        HostPluginManager manager = manager("plugins:\n  disabled: [hello]\n  extra:\n    enabled: false\n");

        PluginReport report = manager.loadAndStart();

        assertThat(report.started()).isEmpty();
        assertThat(report.find("hello")).map(Entry::status).contains(Status.DISABLED);
        assertThat(report.find("extra")).map(Entry::status).contains(Status.DISABLED);
        assertThat(PluginExtensions.collect(manager, report.started()).commands()).isEmpty();
    }

    @Test
    @DisplayName("a jar that is not a plugin is reported by file name and the rest load")
    void notAPlugin() throws Exception {
        TestPlugins.garbage(plugins);
        TestPlugins.hello(plugins);
        HostPluginManager manager = manager("");

        PluginReport report = manager.loadAndStart();

        assertThat(report.find("garbage.jar")).map(Entry::status).contains(Status.NOT_LOADED);
        assertThat(report.started()).containsExactly("hello");
    }

    @Test
    @DisplayName("stopping stops every started plugin")
    void stops() throws Exception {
        TestPlugins.hello(plugins);
        TestPlugins.simple(plugins, "extra", ">=2.0.0");
        HostPluginManager manager = manager("");
        manager.loadAndStart();

        manager.stopPlugins();

        assertThat(manager.getPlugins()).extracting(plugin -> plugin.getPluginState())
                .containsOnly(PluginState.STOPPED);
        assertThat(manager.getStartedPlugins()).isEmpty();
    }

    @Test
    @DisplayName("extensions of a plugin are typed by their extension points")
    void extensionPoints() throws Exception {
        TestPlugins.hello(plugins);
        HostPluginManager manager = manager("");
        manager.loadAndStart();

        assertThat(manager.getExtensions(RequestHandler.class, "hello")).hasSize(1);
        assertThat(manager.getExtensions(ShutdownParticipant.class, "hello")).hasSize(1);
    }
}

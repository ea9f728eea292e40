package dev.voicesession.host.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The plugin jars the tests load, compiled from the sources below.
 *
 * <ul>
 *   <li>{@code hello}: a working plugin with a command (which is also a shutdown participant), a
 *       request handler, a startup participant and a listener, built through each of the extension
 *       constructors the host supports (plugin, context, none);
 *   <li>{@code broken}: throws from {@code start()};
 *   <li>{@code future}: requires plugin-api 2;
 *   <li>{@code unversioned}: states no plugin-api requirement;
 *   <li>{@code noctor}: has no {@code (PluginContext)} constructor.
 * </ul>
 */
public final class TestPlugins {

    private TestPlugins() {}

    /**
     * Writes the {@code hello} plugin.
     *
     * <p>Its command {@code !hello} replies with the plugin's greeting ({@code plugins.hello.greeting},
     * default {@code hi}) and id, which proves that the extension received the plugin and the plugin its
     * context. Its request handler serves type {@code hello}: it edits the status message to {@code
     * serving} and completes when the user runs {@code !hello done}. On shutdown it writes a row into
     * the host database table {@code hello_shutdown} if the table exists and posts {@code hello shutting
     * down} in each guild's first text channel. At start it posts {@code hello
     * plugin ready in N guild(s)} in each guild's first text channel; its listener answers {@code hello
     * listener?}.
     *
     * @param dir the plugins directory
     * @return the jar
     * @throws IOException if it cannot be written
     */
    public static Path hello(Path dir) throws IOException {
        return PluginJar.builder(dir.resolve("hello.jar"), "hello")
                .pluginClass("test.hello.HelloPlugin")
                .source("test.hello.HelloPlugin", """
                        package test.hello;

                        import dev.voicesession.api.BotPlugin;
                        import dev.voicesession.api.PluginContext;
                        import dev.voicesession.api.queue.RequestTicket;
                        import java.util.concurrent.atomic.AtomicReference;

                        public class HelloPlugin extends BotPlugin {
                            final AtomicReference<RequestTicket> current = new AtomicReference<>();

                            public HelloPlugin(PluginContext context) {
                                super(context);
                            }

                            String greeting() {
                                return context().config().getString("greeting", "hi") + " from " + context().pluginId();
                            }
                        }
                        """)
                .source("test.hello.HelloCommand", """
                        package test.hello;

                        import dev.voicesession.api.command.BotCommand;
                        import dev.voicesession.api.command.CommandEvent;
                        import dev.voicesession.api.command.CommandSpec;
                        import dev.voicesession.api.lifecycle.ShutdownParticipant;
                        import java.sql.Connection;
                        import java.sql.SQLException;
                        import java.time.Duration;

                        public class HelloCommand implements BotCommand, ShutdownParticipant {
                            private final HelloPlugin plugin;
                            private final CommandSpec spec;

                            public HelloCommand(HelloPlugin plugin) {
                                this.plugin = plugin;
                                this.spec = CommandSpec.builder("hello")
                                        .help("Says hello")
                                        .slashDefault("say")
                                        .child(new Done(plugin))
                                        .child(new Queue(plugin))
                                        .build();
                            }

                            @Override
                            public CommandSpec spec() {
                                return spec;
                            }

                            @Override
                            public void execute(CommandEvent event) {
                                event.reply(plugin.greeting());
                            }

                            @Override
                            public int shutdownOrder() {
                                return 5;
                            }

                            @Override
                            public Duration shutdownDeadline() {
                                return Duration.ofSeconds(2);
                            }

                            @Override
                            public void onShutdown() {
                                try (Connection connection = plugin.context().dataSource().getConnection()) {
                                    connection.createStatement().execute(
                                            "INSERT INTO hello_shutdown (plugin) VALUES ('hello')");
                                } catch (SQLException e) {
                                    // the test did not create the table
                                }
                                for (var guild : plugin.context().discord().guilds()) {
                                    guild.getTextChannels().stream().findFirst().ifPresent(channel -> {
                                        try {
                                            channel.sendMessage("hello shutting down").complete();
                                        } catch (RuntimeException e) {
                                            // Discord is gone: the test will see no message
                                        }
                                    });
                                }
                            }

                            static final class Done implements BotCommand {
                                private final HelloPlugin plugin;

                                Done(HelloPlugin plugin) {
                                    this.plugin = plugin;
                                }

                                @Override
                                public CommandSpec spec() {
                                    return SPEC;
                                }

                                private static final CommandSpec SPEC =
                                        CommandSpec.builder("done").help("Completes your hello request").build();

                                @Override
                                public void execute(CommandEvent event) {
                                    var ticket = plugin.current.getAndSet(null);
                                    event.reply(ticket != null && ticket.complete() ? "completed" : "nothing to complete");
                                }
                            }

                            static final class Queue implements BotCommand {
                                private final HelloPlugin plugin;

                                Queue(HelloPlugin plugin) {
                                    this.plugin = plugin;
                                }

                                private static final CommandSpec SPEC =
                                        CommandSpec.builder("queue").help("Queues a hello request").guildOnly().build();

                                @Override
                                public CommandSpec spec() {
                                    return SPEC;
                                }

                                @Override
                                public void execute(CommandEvent event) {
                                    plugin.context().queue().submit("hello", event).thenAccept(result -> {
                                        if (result.outcome() == dev.voicesession.api.queue.SubmitResult.Outcome.DUPLICATE) {
                                            event.reply("you already have a hello request");
                                        }
                                    });
                                }
                            }
                        }
                        """)
                .source("test.hello.HelloHandler", """
                        package test.hello;

                        import dev.voicesession.api.queue.QueueEntry;
                        import dev.voicesession.api.queue.RequestHandler;
                        import dev.voicesession.api.queue.RequestTicket;

                        public class HelloHandler implements RequestHandler {
                            private final HelloPlugin plugin;

                            public HelloHandler(HelloPlugin plugin) {
                                this.plugin = plugin;
                            }

                            @Override
                            public String type() {
                                return plugin.context().pluginId();
                            }

                            @Override
                            public void onGranted(RequestTicket ticket) {
                                plugin.current.set(ticket);
                                ticket.status().edit("serving " + ticket.entry().userId());
                            }

                            @Override
                            public String pendingStatus(QueueEntry entry, int position) {
                                return "hello request waiting, position " + position;
                            }
                        }
                        """)
                .source("test.hello.HelloStartup", """
                        package test.hello;

                        import dev.voicesession.api.lifecycle.StartupParticipant;
                        import java.util.List;
                        import net.dv8tion.jda.api.entities.Guild;
                        import dev.voicesession.api.DiscordClient;

                        public class HelloStartup implements StartupParticipant {
                            @Override
                            public void onReady(DiscordClient discord, List<Guild> guilds) {
                                for (Guild guild : guilds) {
                                    guild.getTextChannels().stream().findFirst().ifPresent(channel -> channel
                                            .sendMessage("hello plugin ready in " + guilds.size() + " guild(s)")
                                            .queue(null, error -> { }));
                                }
                            }
                        }
                        """)
                .extension("test.hello.HelloCommand")
                .extension("test.hello.HelloHandler")
                .source("test.hello.HelloListener", """
                        package test.hello;

                        import dev.voicesession.api.BotEventListener;
                        import dev.voicesession.api.PluginContext;
                        import net.dv8tion.jda.api.events.GenericEvent;
                        import net.dv8tion.jda.api.events.message.MessageReceivedEvent;

                        public class HelloListener implements BotEventListener {
                            private final PluginContext context;

                            public HelloListener(PluginContext context) {
                                this.context = context;
                            }

                            @Override
                            public void onEvent(GenericEvent event) {
                                if (event instanceof MessageReceivedEvent message
                                        && message.getMessage().getContentRaw().equals("hello listener?")) {
                                    message.getChannel().sendMessage("listener of plugin " + context.pluginId())
                                            .queue(null, error -> { });
                                }
                            }
                        }
                        """)
                .extension("test.hello.HelloStartup")
                .extension("test.hello.HelloListener")
                .build();
    }

    /**
     * Writes the {@code broken} plugin, whose {@code start()} throws.
     *
     * @param dir the plugins directory
     * @return the jar
     * @throws IOException if it cannot be written
     */
    public static Path broken(Path dir) throws IOException {
        return PluginJar.builder(dir.resolve("broken.jar"), "broken")
                .pluginClass("test.broken.BrokenPlugin")
                .source("test.broken.BrokenPlugin", """
                        package test.broken;

                        import dev.voicesession.api.BotPlugin;
                        import dev.voicesession.api.PluginContext;

                        public class BrokenPlugin extends BotPlugin {
                            public BrokenPlugin(PluginContext context) {
                                super(context);
                            }

                            @Override
                            public void start() {
                                throw new IllegalStateException("broken on purpose");
                            }
                        }
                        """)
                .build();
    }

    /**
     * Writes the {@code strict} plugin, whose {@code start()} reads {@code timeout} as a duration, so a
     * malformed value fails it with a {@code ConfigException}.
     *
     * @param dir the plugins directory
     * @return the jar
     * @throws IOException if it cannot be written
     */
    public static Path strict(Path dir) throws IOException {
        return PluginJar.builder(dir.resolve("strict.jar"), "strict")
                .pluginClass("test.strict.StrictPlugin")
                .source("test.strict.StrictPlugin", """
                        package test.strict;

                        import dev.voicesession.api.BotPlugin;
                        import dev.voicesession.api.PluginContext;
                        import java.time.Duration;

                        public class StrictPlugin extends BotPlugin {
                            public StrictPlugin(PluginContext context) {
                                super(context);
                            }

                            @Override
                            public void start() {
                                context().config().getDuration("timeout", Duration.ofSeconds(1));
                            }
                        }
                        """)
                .build();
    }

    /**
     * Writes the {@code future} plugin, which needs plugin-api 2.
     *
     * @param dir the plugins directory
     * @return the jar
     * @throws IOException if it cannot be written
     */
    public static Path future(Path dir) throws IOException {
        return simple(dir, "future", ">=3.0.0");
    }

    /**
     * Writes the {@code unversioned} plugin, without {@code Plugin-Requires}.
     *
     * @param dir the plugins directory
     * @return the jar
     * @throws IOException if it cannot be written
     */
    public static Path unversioned(Path dir) throws IOException {
        return simple(dir, "unversioned", null);
    }

    /**
     * Writes a working plugin with no extensions.
     *
     * @param dir the plugins directory
     * @param id its id
     * @param requires its {@code Plugin-Requires}, or {@code null}
     * @return the jar
     * @throws IOException if it cannot be written
     */
    public static Path simple(Path dir, String id, String requires) throws IOException {
        String pkg = "test." + id;
        return PluginJar.builder(dir.resolve(id + ".jar"), id)
                .requires(requires)
                .pluginClass(pkg + ".SimplePlugin")
                .source(pkg + ".SimplePlugin", """
                        package %s;

                        import dev.voicesession.api.BotPlugin;
                        import dev.voicesession.api.PluginContext;

                        public class SimplePlugin extends BotPlugin {
                            public SimplePlugin(PluginContext context) {
                                super(context);
                            }
                        }
                        """.formatted(pkg))
                .build();
    }

    /**
     * Writes the {@code noctor} plugin, which lacks the {@code (PluginContext)} constructor.
     *
     * @param dir the plugins directory
     * @return the jar
     * @throws IOException if it cannot be written
     */
    public static Path noConstructor(Path dir) throws IOException {
        return PluginJar.builder(dir.resolve("noctor.jar"), "noctor")
                .pluginClass("test.noctor.NoCtorPlugin")
                .source("test.noctor.NoCtorPlugin", """
                        package test.noctor;

                        import org.pf4j.Plugin;

                        public class NoCtorPlugin extends Plugin {
                        }
                        """)
                .build();
    }

    /**
     * Writes a jar that is not a plugin at all.
     *
     * @param dir the plugins directory
     * @return the jar
     * @throws IOException if it cannot be written
     */
    public static Path garbage(Path dir) throws IOException {
        return Files.write(dir.resolve("garbage.jar"), new byte[] {1, 2, 3});
    }
}

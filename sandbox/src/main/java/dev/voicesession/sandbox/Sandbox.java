package dev.voicesession.sandbox;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.config.ConfigValue;
import dev.voicesession.host.config.DatabaseSettings;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.config.PluginConfigImpl;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.dv8tion.jda.api.Permission;

/**
 * Sandbox mode: an embedded Discord emulator, seeded with two guilds, that the host connects to
 * instead of Discord. In one guild the bot has every permission the bot and its plugins need; in the
 * other it lacks Manage Channels, to see how the bot refuses. Drive it through the emulator's web
 * console (acting as the users alice and bob) or its control URL, both printed at start; the console
 * also shows the host's sessions and log and restarts the host ({@link SandboxHost}).
 */
public final class Sandbox implements AutoCloseable {

    /** The permissions the bot needs, as {@link BotHost#PERMISSIONS} names them. */
    public static final Set<Permission> BOT_PERMISSIONS = BotHost.PERMISSIONS;

    private static final String VOICE_PLUGIN = "voice";

    private final DiscordEmulator emulator;
    private final PrintStream out;
    private final SandboxLog log = SandboxLog.install();
    private final List<Long> guildIds = new ArrayList<>();
    /** What a person needs (URLs, ids), printed once the host has started, so a start error comes first. */
    private final List<String> banner = new ArrayList<>();
    private volatile SandboxHost host;

    private Sandbox(DiscordEmulator emulator, PrintStream out) {
        this.emulator = emulator;
        this.out = out;
    }

    /**
     * Starts the emulator on a free loopback port and seeds it.
     *
     * @param out where to print the URLs and ids a person needs
     * @return the running sandbox
     */
    public static Sandbox start(PrintStream out) {
        return start(out, 0);
    }

    /**
     * Starts the emulator on a loopback port and seeds it.
     *
     * @param out where to print the URLs and ids a person needs
     * @param port the port of the emulator and its console, or 0 for a free one
     * @return the running sandbox
     */
    public static Sandbox start(PrintStream out, int port) {
        DiscordEmulator.Builder builder = DiscordEmulator.builder().rateLimits(RateLimitMode.OFF);
        if (port != 0) {
            builder.port(port);
        }
        DiscordEmulator emulator = builder.build().start();
        Sandbox sandbox = new Sandbox(emulator, out);
        sandbox.seed();
        return sandbox;
    }

    private void seed() {
        EmulatorControl control = emulator.control();
        banner.add("Sandbox: Discord emulator running");
        banner.add("  Console:     " + emulator.consoleUrl() + "  <- open this in a browser");
        banner.add("  Control URL: " + emulator.controlUrl());
        banner.add("  REST URL:    " + emulator.restBaseUrl());
        seedGuild(control, "Sandbox (full permissions)", Permission.getRaw(BOT_PERMISSIONS));
        EnumSet<Permission> lacking = EnumSet.copyOf(BOT_PERMISSIONS);
        lacking.remove(Permission.MANAGE_CHANNEL);
        seedGuild(control, "Sandbox (no Manage Channels)", Permission.getRaw(lacking));
    }

    private void seedGuild(EmulatorControl control, String name, long botPermissions) {
        Guild guild = control.createGuild(name, botPermissions);
        guildIds.add(guild.id());
        Channel text = control.createTextChannel(guild.id(), "general");
        Channel voice = control.createVoiceChannel(guild.id(), "Lobby");
        Member alice = control.addMember(guild.id(), "alice");
        Member bob = control.addMember(guild.id(), "bob");
        banner.add("  Guild '" + name + "' id " + guild.id() + ": #general " + text.id() + ", voice 'Lobby' "
                + voice.id() + ", users 'alice' " + alice.userId() + " and 'bob' " + bob.userId());
    }

    /**
     * Starts a host connected to this sandbox's emulator, with the emulator's bot token and its own
     * database file ({@code sandbox-<name>} next to {@code database.path}), so that the emulator's
     * made-up guilds and channels never mix with a real bot's data.
     *
     * <p>Voice sessions are switched on in both guilds ({@code plugins.voice.enabled} and a section per
     * guild), unless the configuration says otherwise.
     *
     * @param config the configuration; its {@code discord} URLs and token and its database file are
     *     replaced
     * @return the running host
     */
    public BotHost startHost(HostConfig config) {
        Path file = sandboxFile(config);
        banner.add("  Database:    " + file);
        HostConfig sandboxed = sandboxed(config);
        Path source = Path.of(config.source());
        // a reload re-reads the file and applies the same sandbox settings to it
        Supplier<HostConfig> reader = Files.isRegularFile(source)
                ? () -> sandboxed(ConfigLoader.load(source, true, System.getenv()))
                : null;
        SandboxHost started = new SandboxHost(() -> BotHost.builder()
                .config(sandboxed)
                .configReader(reader)
                .jdaCustomizer(builder -> EmulatorClients.configure(builder, emulator))
                .start(), log);
        host = started;
        emulator.console().attach(started);
        BotHost running = started.start();
        banner.forEach(out::println);
        out.println("Sandbox ready: open " + emulator.consoleUrl() + " in a browser and type !voice in #general as"
                + " alice. Stop with Ctrl+C.");
        return running;
    }

    private static Path sandboxFile(HostConfig config) {
        Path path = config.database().path();
        return path.resolveSibling("sandbox-" + path.getFileName());
    }

    /** The configuration with the emulator's token, the sandbox's own database file and voice on in its guilds. */
    private HostConfig sandboxed(HostConfig config) {
        DatabaseSettings database = config.database();
        return config.withDiscord(config.discord().withToken(emulator.botToken()))
                .withDatabase(new DatabaseSettings(sandboxFile(config), database.poolSize(), database.busyTimeout()))
                .withPluginSection(VOICE_PLUGIN, config.pluginSections()
                        .getOrDefault(VOICE_PLUGIN, PluginConfigImpl.of(Map.of()))
                        .withDefaults(voiceInSandboxGuilds()));
    }

    /** {@code enabled: true} for the voice plugin and for each sandbox guild. */
    private Map<String, ConfigValue> voiceInSandboxGuilds() {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        values.put("enabled", ConfigValue.scalar("plugins.voice.enabled", "true", "sandbox"));
        for (long guildId : guildIds) {
            String key = "guilds." + guildId + ".enabled";
            values.put(key, ConfigValue.scalar("plugins.voice." + key, "true", "sandbox"));
        }
        return values;
    }

    /**
     * Waits until the host stops by itself (the owners' shutdown command) or {@link #close()} stops it;
     * a restart from the console does not count.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitStop() throws InterruptedException {
        SandboxHost started = host;
        if (started != null) {
            started.awaitStop();
        }
    }

    /**
     * Returns the emulator, for tests.
     *
     * @return the running emulator
     */
    public DiscordEmulator emulator() {
        return emulator;
    }

    /** Stops the host in order, if it runs, then the emulator. */
    @Override
    public void close() {
        SandboxHost started = host;
        if (started != null) {
            started.stop();
        }
        emulator.close();
        log.uninstall();
    }
}

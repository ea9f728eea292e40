package dev.voicesession.host;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.db.DatabaseException;
import dev.voicesession.host.sandbox.Sandbox;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the bot: {@code java -jar host-bot.jar [--config path] [--sandbox]}.
 *
 * <p>The configuration file is {@code --config}, else the environment variable {@code BOT_CONFIG},
 * else {@code config/bot.yml}. With {@code --sandbox} the bot runs against an embedded Discord
 * emulator instead of Discord and needs no token. SIGTERM and SIGINT stop the bot in order.
 *
 * <p>This class does not touch SLF4J before the configuration is read, so that logging starts with
 * the configured level and file.
 */
public final class Main {

    /** Exit status for a stop after a normal run. */
    static final int OK = 0;
    /** Exit status when Discord, the database or the plugins directory cannot be used. */
    static final int START_FAILED = 1;
    /** Exit status for wrong arguments or configuration. */
    static final int USAGE = 2;

    static final String USAGE_TEXT = "Usage: java -jar host-bot.jar [--config <file>] [--sandbox]\n"
            + "  --config <file>  the YAML configuration (default: $BOT_CONFIG, else config/bot.yml)\n"
            + "  --sandbox        run against an embedded Discord emulator; no token needed";

    static final String NO_TOKEN_TEXT = "No Discord bot token is configured. Either:\n"
            + "  - set the environment variable DISCORD_TOKEN, for example: DISCORD_TOKEN=your-token java -jar"
            + " host-bot.jar\n"
            + "  - or set discord.token in the configuration file (see config/bot.example.yml)\n"
            + "  - or try the bot without Discord: java -jar host-bot.jar --sandbox";

    private Main() {}

    /**
     * Starts the bot and returns when it has stopped.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.err);
        // JDA's HTTP client can leave non-daemon threads behind; the bot has stopped in order by now.
        System.exit(status);
    }

    /**
     * Runs the bot until it stops, for {@link #main(String[])} and tests of the argument handling.
     *
     * @param args the command line
     * @param env the environment
     * @param err where to print usage and configuration errors
     * @return the exit status
     */
    static int run(String[] args, Map<String, String> env, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (arguments.help()) {
            err.println(USAGE_TEXT);
            return OK;
        }
        HostConfig config;
        try {
            config = loadConfig(arguments, env);
        } catch (ConfigException e) {
            err.println("Configuration error: " + e.getMessage());
            return USAGE;
        }
        if (!config.discord().hasToken() && !arguments.sandbox()) {
            err.println("Configuration error: " + config.source() + ": key 'discord.token': is not set.");
            err.println(NO_TOKEN_TEXT);
            return USAGE;
        }
        System.setProperty("bot.log.level", config.logging().level());
        System.setProperty("bot.log.file", config.logging().file().toString());
        Logger log = LoggerFactory.getLogger(Main.class);
        Sandbox sandbox = null;
        try {
            sandbox = arguments.sandbox() ? Sandbox.start(System.out) : null;
            Sandbox embedded = sandbox;
            BotHost host = embedded != null ? embedded.startHost(config) : BotHost.builder().config(config).start();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("bot-shutdown-hook").unstarted(() -> {
                host.stop();
                if (embedded != null) {
                    embedded.close();
                }
            }));
            if (embedded != null) {
                embedded.awaitStop(); // the sandbox's web console may replace the host by restarting it
            } else {
                host.awaitStop();
            }
            return OK;
        } catch (ConfigException e) {
            log.error("Configuration error: {}", e.getMessage());
            return USAGE;
        } catch (HostStartException | DatabaseException e) {
            log.error("Cannot start the bot: {}", e.getMessage(), e);
            return START_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return START_FAILED;
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    private static HostConfig loadConfig(Arguments arguments, Map<String, String> env) {
        if (arguments.config() != null) {
            return ConfigLoader.load(arguments.config(), true, env);
        }
        String fromEnv = env.get("BOT_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return ConfigLoader.load(Path.of(fromEnv), true, env);
        }
        return ConfigLoader.load(ConfigLoader.DEFAULT_FILE, false, env);
    }

    /**
     * The parsed command line.
     *
     * @param config the {@code --config} file, or {@code null}
     * @param sandbox whether {@code --sandbox} was given
     * @param help whether {@code --help} was given
     */
    record Arguments(Path config, boolean sandbox, boolean help) {

        static Arguments parse(String[] args) {
            Path config = null;
            boolean sandbox = false;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--config needs a file");
                        }
                        config = Path.of(args[++i]);
                    }
                    case "--sandbox" -> sandbox = true;
                    case "--help", "-h" -> help = true;
                    default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'");
                }
            }
            return new Arguments(config, sandbox, help);
        }
    }
}

package dev.voicesession.host;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.jda.DaveCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reference bot: {@code java -jar host-bot.jar [--config path] [--verbose]}. It is an operator's
 * bot built on the public embedding API: it builds nothing the {@link BotHost} does not, and the host owns
 * its shard manager.
 *
 * <p>The configuration file is {@code --config}, else the environment variable {@code BOT_CONFIG},
 * else {@code config/bot.yml}. SIGTERM and SIGINT stop the bot in order; SIGHUP re-reads the
 * configuration, as the owners' {@code reload} command does. Sandbox mode (no token, an embedded
 * Discord emulator) is the {@code sandbox} module's {@code sandbox.jar}.
 *
 * <p>A start that fails prints one short paragraph (what went wrong, the likely cause, what to do; see
 * {@link StartupFailure}) and exits with a status of its own; the stack trace goes to the log file only,
 * and also to the console with {@code --verbose} or {@code logging.level} DEBUG or TRACE.
 *
 * <p>This class does not touch SLF4J before the configuration is read, so that logging starts with
 * the configured level and file.
 */
public final class Main {

    /** Exit status for a stop after a normal run. */
    static final int OK = 0;
    /** Exit status when the bot cannot start for a reason without a status of its own (database, plugins). */
    static final int START_FAILED = 1;
    /** Exit status for wrong arguments or configuration. */
    static final int USAGE = 2;

    /** Exit status of {@code --has-token} when neither DISCORD_TOKEN nor the file gives a token. */
    static final int HAS_TOKEN_NONE = 1;

    /** The logger of start failures' details: the log file only (see logback.xml), never the console. */
    static final String DETAILS_LOGGER = "dev.voicesession.host.StartupFailure";

    static final String USAGE_TEXT = "Usage: java -jar host-bot.jar [--config <file>] [--verbose]\n"
            + "  --config <file>  the YAML configuration (default: $BOT_CONFIG, else config/bot.yml)\n"
            + "  --verbose        print stack traces on the console too (they are always in the log file)\n"
            + "  --ready-file <file>  write the process id to this file once the bot takes commands; removed when it"
            + " stops\n"
            + "Exit status: 0 stopped normally, 1 could not start (the message says why), 2 wrong arguments or"
            + " configuration,\n  3 Discord could not be reached, 4 token refused, 5 privileged intent not enabled,"
            + " 6 missing permission\n"
            + "To try the bot without Discord: bin/run without a token (java -jar sandbox/target/sandbox.jar)";

    static final String NO_TOKEN_TEXT = "No Discord bot token is configured. Either:\n"
            + "  - set the environment variable DISCORD_TOKEN, for example: DISCORD_TOKEN=your-token java -jar"
            + " host-bot/target/host-bot.jar\n"
            + "  - or set discord.token in the configuration file (see config/bot.example.yml)\n"
            + "  - or try the bot without Discord: bin/run without a token (java -jar sandbox/target/sandbox.jar)";

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
     * @param err where to print usage, configuration errors and start failures
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
        if (arguments.hasToken()) {
            return config.discord().hasToken() ? OK : HAS_TOKEN_NONE;
        }
        if (!config.discord().hasToken()) {
            err.println("Configuration error: " + config.source() + ": key 'discord.token': is not set.");
            err.println(NO_TOKEN_TEXT);
            return USAGE;
        }
        boolean verbose = arguments.verbose() || Set.of("DEBUG", "TRACE").contains(config.logging().level());
        System.setProperty("bot.log.level", config.logging().level());
        System.setProperty("bot.log.file", config.logging().file().toString());
        System.setProperty("bot.log.console.exception", verbose ? "%ex" : "%nopex");
        Logger details = LoggerFactory.getLogger(DETAILS_LOGGER);
        DaveCheck.run(DaveCheck.Need.REQUIRED);
        try {
            BotHost host = BotHost.builder().config(config).start();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("bot-shutdown-hook").unstarted(host::stop));
            HangupReload.install(host);
            ReadyFile ready = ReadyFile.write(arguments.readyFile(), details);
            try {
                host.awaitStop();
            } finally {
                ready.remove();
            }
            return OK;
        } catch (ConfigException e) {
            err.println("Configuration error: " + e.getMessage());
            details.error("Configuration error: {}", e.getMessage(), e);
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return START_FAILED;
        } catch (RuntimeException e) {
            // the process's outermost boundary: whatever stopped the start is explained here, once
            String envToken = env.get("DISCORD_TOKEN");
            StartupFailure failure = StartupFailure.of(e, config, envToken != null && !envToken.isBlank());
            err.println(failure.paragraph());
            details.error("Start failed ({}): {}", failure.kind(), e.getMessage(), e);
            if (verbose) {
                e.printStackTrace(err);
            }
            return failure.kind().exitStatus();
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
     * @param verbose whether {@code --verbose} was given
     * @param hasToken whether {@code --has-token} was given: for {@code bin/run}, read the configuration
     *     as a start would and only tell, by the exit status, whether it gives a token (0), does not (1), or
     *     has an error (2, printed)
     * @param help whether {@code --help} was given
     * @param readyFile the {@code --ready-file}, written once the bot takes commands, or {@code null}
     */
    record Arguments(Path config, boolean verbose, boolean hasToken, boolean help, Path readyFile) {

        static Arguments parse(String[] args) {
            Path config = null;
            boolean verbose = false;
            boolean hasToken = false;
            boolean help = false;
            Path readyFile = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> {
                        if (i + 1 >= args.length || args[i + 1].isBlank() || args[i + 1].startsWith("--")) {
                            throw new IllegalArgumentException("--config needs the path of a configuration file, for"
                                    + " example: --config config/bot.yml");
                        }
                        config = Path.of(args[++i]);
                    }
                    case "--sandbox" -> throw new IllegalArgumentException("--sandbox moved to the sandbox module:"
                            + " run bin/run without a token, or java -jar sandbox/target/sandbox.jar");
                    case "--verbose", "-v" -> verbose = true;
                    case "--has-token" -> hasToken = true;
                    case "--help", "-h" -> help = true;
                    case "--ready-file" -> {
                        if (i + 1 >= args.length || args[i + 1].isBlank() || args[i + 1].startsWith("--")) {
                            throw new IllegalArgumentException("--ready-file needs the path of a file to write, for"
                                    + " example: --ready-file /run/voice-bot/ready");
                        }
                        readyFile = Path.of(args[++i]);
                    }
                    default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'");
                }
            }
            return new Arguments(config, verbose, hasToken, help, readyFile);
        }
    }
}

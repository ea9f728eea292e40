package dev.voicesession.sandbox;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.HostStartException;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.jda.DaveCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sandbox mode: {@code java -jar sandbox.jar [--config path] [--port N]}. The reference host runs
 * against an embedded Discord emulator with two seeded guilds and a web console; no token is needed and
 * the configuration's token, if any, is not used.
 */
public final class SandboxMain {

    static final int OK = 0;
    static final int START_FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = "Usage: java -jar sandbox.jar [--config <file>] [--port <n>]\n"
            + "  --config <file>  the YAML configuration (default: $BOT_CONFIG, else config/bot.yml if it exists)\n"
            + "  --port <n>       the port of the emulator and its web console (default: a free one)";

    private SandboxMain() {}

    /**
     * Starts the sandbox and returns when it has stopped.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path configFile = null;
        int port = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> configFile = Path.of(value(args, i++, "--config needs a file"));
                    case "--port" -> port = port(value(args, i++, "--port needs a number"));
                    case "--help", "-h" -> {
                        err.println(USAGE_TEXT);
                        return OK;
                    }
                    default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        HostConfig config;
        try {
            config = load(configFile, env);
        } catch (ConfigException e) {
            err.println("Configuration error: " + e.getMessage());
            return USAGE;
        }
        System.setProperty("bot.log.level", config.logging().level());
        System.setProperty("bot.log.file", config.logging().file().toString());
        Logger log = LoggerFactory.getLogger(SandboxMain.class);
        DaveCheck.run(DaveCheck.Need.OPTIONAL); // the emulator needs no DAVE: reported once, at INFO
        try (Sandbox sandbox = Sandbox.start(out, port)) {
            BotHost host = sandbox.startHost(config);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("sandbox-shutdown-hook")
                    .unstarted(sandbox::close));
            log.debug("Sandbox host started with plugins {}", host.pluginReport().started());
            sandbox.awaitStop(); // the web console may replace the host by restarting it
            return OK;
        } catch (ConfigException e) {
            err.println("Configuration error: " + e.getMessage());
            return USAGE;
        } catch (HostStartException e) {
            log.error("Cannot start the sandbox: {}", e.getMessage(), e);
            return START_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return START_FAILED;
        }
    }

    private static String value(String[] args, int i, String missing) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException(missing);
        }
        return args[i + 1];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("--port must be between 1 and 65535, not " + port);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, not '" + text + "'", e);
        }
    }

    private static HostConfig load(Path configFile, Map<String, String> env) {
        if (configFile != null) {
            return ConfigLoader.load(configFile, true, env);
        }
        String fromEnv = env.get("BOT_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return ConfigLoader.load(Path.of(fromEnv), true, env);
        }
        return ConfigLoader.load(ConfigLoader.DEFAULT_FILE, false, env);
    }
}

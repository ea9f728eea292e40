package dev.voicesession.emulator;

import dev.voicesession.emulator.gateway.IdentifyLimit;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone (sandbox mode): prints its URLs and the bot token, seeds one guild with a
 * text and a voice channel, and serves until the process is stopped. Logs at INFO (logback without a
 * configuration file of its own would log at DEBUG). Writes nothing to disk unless asked to write the voice
 * server's certificate, which a bot in another process needs to trust the emulated voice server.
 * Arguments: {@code [--port N] [--rate-limits off|discord] [--max-concurrency N] [--identify-window-ms N]
 * [--no-seed] [--write-cert PATH] [--log-level LEVEL]}.
 */
public final class EmulatorMain {
    private static final String USAGE = "[--port N] [--rate-limits off|discord] [--max-concurrency N]"
            + " [--identify-window-ms N] [--no-seed] [--write-cert PATH] [--log-level LEVEL]";

    private EmulatorMain() {}

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args);
        StandaloneLogging.apply(options.logLevel());
        DiscordEmulator.Builder builder = DiscordEmulator.builder();
        if (options.port() != null) {
            builder.port(options.port());
        }
        if (options.rateLimits() != null) {
            builder.rateLimits(options.rateLimits());
        }
        if (options.identifyLimit() != null) {
            builder.identifyLimit(options.identifyLimit());
        }
        DiscordEmulator emulator = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        if (options.certificate() != null) {
            emulator.voiceServer().writeCertificatePem(options.certificate());
        }
        System.out.println("Discord emulator running");
        System.out.println("  REST base URL: " + emulator.restBaseUrl());
        System.out.println("  Gateway URL:   " + emulator.gatewayUrl());
        System.out.println("  Control API:   " + emulator.controlUrl());
        System.out.println("  Web console:   " + emulator.consoleUrl());
        System.out.println("  Bot token:     " + emulator.botToken());
        System.out.println("  Bot user id:   " + emulator.bot().id());
        if (options.certificate() != null) {
            System.out.println("  Voice TLS certificate (PEM): " + options.certificate().toAbsolutePath());
        }
        if (options.seed()) {
            Guild guild = emulator.control().createGuild("sandbox");
            Channel text = emulator.control().createTextChannel(guild.id(), "general");
            Channel voice = emulator.control().createVoiceChannel(guild.id(), "Lobby");
            System.out.println("  Seeded guild '" + guild.id() + "' with #general '" + text.id() + "' and voice '"
                    + voice.id() + "'");
        }
        stopped.await();
    }

    /**
     * The command line.
     *
     * @param port fixed port, or {@code null} for a free one
     * @param rateLimits rate limit mode, or {@code null} for the default
     * @param identifyLimit the identify limit, enforced whatever the rate limit mode, when {@code
     *     --max-concurrency} or {@code --identify-window-ms} change Discord's; {@code null} otherwise
     * @param seed whether to seed the sandbox guild
     * @param certificate where to write the voice server's certificate as PEM, or {@code null}
     * @param logLevel the root log level (INFO unless given)
     */
    record Options(Integer port, RateLimitMode rateLimits, IdentifyLimit identifyLimit, boolean seed,
            Path certificate, String logLevel) {
        static Options parse(String[] args) {
            Integer port = null;
            RateLimitMode rateLimits = null;
            IdentifyLimit identifyLimit = null;
            boolean seed = true;
            Path certificate = null;
            String logLevel = "INFO";
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
                    case "--rate-limits" -> rateLimits = RateLimitMode.valueOf(
                            value(args, ++i, arg).toUpperCase(Locale.ROOT));
                    case "--max-concurrency" -> identifyLimit = orDiscord(identifyLimit).withMaxConcurrency(
                            Integer.parseInt(value(args, ++i, arg)));
                    case "--identify-window-ms" -> identifyLimit = orDiscord(identifyLimit).withWindow(
                            Duration.ofMillis(Long.parseLong(value(args, ++i, arg))));
                    case "--no-seed" -> seed = false;
                    case "--write-cert" -> certificate = Path.of(value(args, ++i, arg));
                    case "--log-level" -> logLevel = value(args, ++i, arg).toUpperCase(Locale.ROOT);
                    default -> throw new IllegalArgumentException("Unknown argument '" + arg + "'; use " + USAGE);
                }
            }
            return new Options(port, rateLimits, identifyLimit, seed, certificate, logLevel);
        }

        private static IdentifyLimit orDiscord(IdentifyLimit limit) {
            return limit == null ? IdentifyLimit.discord() : limit;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new IllegalArgumentException("Option " + option + " needs a value; use " + USAGE);
            }
            return args[index];
        }
    }
}

package dev.voicesession.emulator;

import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone (sandbox mode): prints its URLs and the bot token, seeds one guild with a
 * text and a voice channel, and serves until the process is stopped. Writes nothing to disk.
 * Arguments: {@code [--port N] [--rate-limits off|discord] [--no-seed]}.
 */
public final class EmulatorMain {
    private EmulatorMain() {}

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        DiscordEmulator.Builder builder = DiscordEmulator.builder();
        boolean seed = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> builder.port(Integer.parseInt(args[++i]));
                case "--rate-limits" -> builder.rateLimits(RateLimitMode.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT)));
                case "--no-seed" -> seed = false;
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i]
                        + "'; use [--port N] [--rate-limits off|discord] [--no-seed]");
            }
        }
        DiscordEmulator emulator = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        System.out.println("Discord emulator running");
        System.out.println("  REST base URL: " + emulator.restBaseUrl());
        System.out.println("  Gateway URL:   " + emulator.gatewayUrl());
        System.out.println("  Control API:   " + emulator.controlUrl());
        System.out.println("  Web console:   " + emulator.consoleUrl());
        System.out.println("  Bot token:     " + emulator.botToken());
        System.out.println("  Bot user id:   " + emulator.bot().id());
        if (seed) {
            Guild guild = emulator.control().createGuild("sandbox");
            Channel text = emulator.control().createTextChannel(guild.id(), "general");
            Channel voice = emulator.control().createVoiceChannel(guild.id(), "Lobby");
            System.out.println("  Seeded guild '" + guild.id() + "' with #general '" + text.id() + "' and voice '"
                    + voice.id() + "'");
        }
        stopped.await();
    }
}

package dev.voicesession.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.support.EmulatorDiscord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone host reaches a standalone emulator through configuration alone (discord.restUrl,
 * discord.gatewayUrl, discord.trustCertificate), without a JDA customizer.
 */
class ConfiguredUrlsEmulatorTest {

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.emulatorOnly()
            .rateLimits(RateLimitMode.OFF)
            .seed(control -> control.createTextChannel(control.createGuild("configured").id(), "general"));

    @Test
    @DisplayName("the host connects with the emulator's URLs and trusts its certificate from a PEM file")
    void configuredUrls(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("emulator.pem");
        DISCORD.emulator().voiceServer().writeCertificatePem(pem);
        Files.createDirectories(dir.resolve("plugins"));
        String yaml = """
                discord:
                  restUrl: %s
                  gatewayUrl: %s
                  trustCertificate: %s
                database:
                  path: %s
                plugins:
                  dir: %s
                """.formatted(DISCORD.emulator().restBaseUrl(), DISCORD.emulator().gatewayUrl(), pem,
                dir.resolve("bot.db"), dir.resolve("plugins"));

        BotHost host = BotHost.builder()
                .config(ConfigLoader.parse(yaml, "standalone.yml", Map.of("DISCORD_TOKEN", DISCORD.emulator().botToken())))
                .start();
        try {
            assertThat(host.shardManager().getGuilds()).hasSize(1);
            long general = host.shardManager().getTextChannelsByName("general", false).getFirst().getIdLong();
            long user = DISCORD.control().addMember(host.shardManager().getGuilds().getFirst().getIdLong(), "dora")
                    .userId();
            EmulatorDiscord discord = new EmulatorDiscord(DISCORD.emulator());
            discord.say(general, user, "!queue");
            discord.awaitBotMessage(general, "The queue is empty (1 slot, all free).");
        } finally {
            host.stop();
        }
    }
}

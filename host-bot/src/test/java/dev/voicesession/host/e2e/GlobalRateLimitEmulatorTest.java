package dev.voicesession.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.gateway.IdentifyLimit;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.RequestLogEntry;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discord's global limit (50 requests a second per bot, whichever process sends) against the emulator with
 * Discord's limits on: one message to each of many channels, so that no route bucket holds them back and only
 * the global limit can. Without pacing JDA runs into it; paced, one process or two sharing it never do.
 */
class GlobalRateLimitEmulatorTest {
    private static final int SHARDS = 4;
    private static final int CHANNELS = 120;

    @RegisterExtension
    final EmulatorExtension discord = EmulatorExtension.emulatorOnly()
            .rateLimits(RateLimitMode.DISCORD)
            .voice(false)
            .emulator(builder -> builder.identifyLimit(IdentifyLimit.discord().withWindow(Duration.ofMillis(200))));

    @TempDir
    Path dir;

    private final List<BotHost> hosts = new ArrayList<>();
    private JDA unpaced;

    @AfterEach
    void stop() {
        hosts.forEach(BotHost::stop);
        if (unpaced != null) {
            unpaced.shutdownNow();
        }
    }

    @Test
    @DisplayName("without pacing, 120 messages at once get global 429 answers: the scenario reaches the limit")
    void unpacedClientHitsTheLimit() throws Exception {
        List<Channel> channels = channels(discord.control().createGuild("unpaced"));
        unpaced = EmulatorClients.configure(JDABuilder.createLight(discord.emulator().botToken()), discord.emulator())
                .build().awaitReady();

        sendToEach(unpaced, channels);

        assertThat(globalRefusals()).as("answers 429 for the global limit").isPositive();
    }

    @Test
    @DisplayName("an operator's JDA with BotHost.globalRequestPacer sends 120 messages without one 429")
    void attachedClientWithThePacer() throws Exception {
        List<Channel> channels = channels(discord.control().createGuild("attached"));
        unpaced = EmulatorClients.configure(JDABuilder.createLight(discord.emulator().botToken()), discord.emulator())
                .setHttpClientBuilder(new OkHttpClient.Builder().addInterceptor(BotHost.globalRequestPacer(50, 1, 1)))
                .build().awaitReady();

        sendToEach(unpaced, channels);

        assertThat(refusals()).as("answers 429").isEmpty();
    }

    @Test
    @DisplayName("two host processes (shards 0-1 and 2-3) paced by default share the limit: 240 messages, no 429")
    void twoProcessesShareTheLimit() throws Exception {
        List<Channel> low = channels(discord.control().createGuildOnShard("low", 0, SHARDS));
        List<Channel> high = channels(discord.control().createGuildOnShard("high", 2, SHARDS));
        CompletableFuture<BotHost> lowHost = CompletableFuture.supplyAsync(() -> startHost("0-1"));
        CompletableFuture<BotHost> highHost = CompletableFuture.supplyAsync(() -> startHost("2-3"));
        hosts.add(lowHost.get(60, TimeUnit.SECONDS));
        hosts.add(highHost.get(60, TimeUnit.SECONDS));

        CompletableFuture<Void> fromLow = CompletableFuture.runAsync(
                () -> sendToEach(hosts.get(0).discord().shardFor(low.getFirst().guildId()).orElseThrow(), low));
        CompletableFuture<Void> fromHigh = CompletableFuture.runAsync(
                () -> sendToEach(hosts.get(1).discord().shardFor(high.getFirst().guildId()).orElseThrow(), high));
        CompletableFuture.allOf(fromLow, fromHigh).get(60, TimeUnit.SECONDS);

        assertThat(discord.control().requestLog("POST", "channels/{channel_id}/messages"))
                .filteredOn(entry -> entry.status() == 200).hasSize(2 * CHANNELS);
        assertThat(refusals()).as("answers 429").isEmpty();
    }

    private List<Channel> channels(Guild guild) {
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < CHANNELS; i++) {
            channels.add(discord.control().createTextChannel(guild.id(), "c" + i));
        }
        return channels;
    }

    /** One message to each channel, all queued at once; waits until every one is sent. */
    private static void sendToEach(JDA jda, List<Channel> channels) {
        List<CompletableFuture<Message>> sent = new ArrayList<>();
        for (Channel channel : channels) {
            sent.add(jda.getTextChannelById(channel.id()).sendMessage("hello").submit());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
    }

    private List<RequestLogEntry> refusals() {
        return discord.control().requestLog().stream().filter(entry -> entry.status() == 429).toList();
    }

    private long globalRefusals() {
        return refusals().stream().filter(entry -> entry.responseBody().contains("\"global\":true")).count();
    }

    private BotHost startHost(String range) {
        Path plugins = dir.resolve("plugins-" + range);
        try {
            Files.createDirectories(plugins);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String yaml = """
                discord:
                  token: "%s"
                  restUrl: "%s"
                  gatewayUrl: "%s"
                  identifyInterval: 200ms
                  readyTimeout: 30s
                  shards:
                    total: %d
                    range: %s
                bot:
                  slashCommands: "off"
                database:
                  path: "%s"
                plugins:
                  dir: "%s"
                """.formatted(discord.emulator().botToken(), discord.emulator().restBaseUrl(),
                discord.emulator().gatewayUrl(), SHARDS, range, dir.resolve("bot.db"), plugins);
        return BotHost.builder().config(ConfigLoader.parse(yaml, "shards-" + range + ".yml", Map.of())).start();
    }
}

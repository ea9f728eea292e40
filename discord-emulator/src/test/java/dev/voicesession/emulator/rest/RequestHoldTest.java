package dev.voicesession.emulator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.model.ChannelType;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.support.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestHoldTest {

    private static final String CREATE = "guilds/{guild_id}/channels";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private DiscordEmulator emulator;
    private Http bot;
    private Guild guild;

    @BeforeEach
    void start() {
        emulator = DiscordEmulator.builder().voice(false).rateLimits(RateLimitMode.OFF).build().start();
        bot = new Http(emulator.botToken());
        guild = emulator.control().createGuild("holds");
    }

    @AfterEach
    void stop() {
        emulator.faults().clear();
        emulator.close();
    }

    private CompletableFuture<HttpResponse<String>> createVoiceChannel(String name) {
        return CompletableFuture.supplyAsync(() -> bot.send("POST", emulator.restBaseUrl() + "guilds/" + guild.id()
                + "/channels", "{\"name\":\"" + name + "\",\"type\":2}"));
    }

    private long voiceChannels() {
        return emulator.control().channels(guild.id()).stream().filter(c -> c.type() == ChannelType.VOICE).count();
    }

    @Test
    @DisplayName("a request held before its handler changes nothing until released, then is served")
    void holdBefore() throws Exception {
        RequestHold hold = emulator.faults().hold("POST", CREATE, RequestHold.Phase.BEFORE);
        CompletableFuture<HttpResponse<String>> response = createVoiceChannel("held");

        assertThat(hold.awaitArrival(WAIT)).isTrue();
        assertThat(hold.heldPath()).isEqualTo("guilds/" + guild.id() + "/channels");
        assertThat(voiceChannels()).isZero();
        assertThat(response).isNotDone();

        hold.release();
        assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(voiceChannels()).isEqualTo(1);
    }

    @Test
    @DisplayName("a request held after its handler has acted, and its client is not answered until released")
    void holdAfter() throws Exception {
        RequestHold hold = emulator.faults().hold("POST", CREATE, RequestHold.Phase.AFTER);
        CompletableFuture<HttpResponse<String>> response = createVoiceChannel("acted");

        assertThat(hold.awaitArrival(WAIT)).isTrue();
        assertThat(voiceChannels()).isEqualTo(1);
        assertThat(response).isNotDone();

        hold.release();
        assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(emulator.control().requestLog("POST", CREATE)).hasSize(1);
    }

    @Test
    @DisplayName("an abandoned request never reaches its handler; a hold catches one request only, and only a match")
    void abandonAndMatching() throws Exception {
        RequestHold other = emulator.faults().hold("POST", CREATE, RequestHold.Phase.BEFORE, "no-such-name");
        RequestHold hold = emulator.faults().hold("POST", CREATE, RequestHold.Phase.BEFORE, "doomed");
        CompletableFuture<HttpResponse<String>> response = createVoiceChannel("doomed");

        assertThat(hold.awaitArrival(WAIT)).isTrue();
        hold.abandon();
        assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
        assertThat(voiceChannels()).isZero();

        assertThat(createVoiceChannel("doomed").get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(other.hasArrived()).isFalse();
        assertThat(emulator.faults().holds()).containsExactly(other);
    }

    @Test
    @DisplayName("clear() releases a held request")
    void clearReleases() throws Exception {
        RequestHold hold = emulator.faults().hold("*", "*", RequestHold.Phase.AFTER);
        CompletableFuture<HttpResponse<String>> response = createVoiceChannel("cleared");
        assertThat(hold.awaitArrival(WAIT)).isTrue();

        emulator.faults().clear();

        assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(emulator.faults().holds()).isEmpty();
    }

    @Test
    @DisplayName("holds are armed, listed and released over the control API")
    void overHttp() throws InterruptedException, ExecutionException, TimeoutException {
        Http control = new Http(null);
        JsonNode armed = Http.json(control.send("POST", emulator.controlUrl() + "faults/hold",
                "{\"method\":\"POST\",\"route\":\"" + CREATE + "\",\"phase\":\"after\"}"));
        CompletableFuture<HttpResponse<String>> response = createVoiceChannel("remote");
        RequestHold hold = emulator.faults().holds().getFirst();
        assertThat(hold.awaitArrival(WAIT)).isTrue();

        JsonNode listed = Http.json(control.send("GET", emulator.controlUrl() + "faults/holds", null));
        assertThat(listed.get(0).path("arrived").asBoolean()).isTrue();
        assertThat(listed.get(0).path("phase").asText()).isEqualTo("after");
        HttpResponse<String> released = control.send("POST", emulator.controlUrl() + "faults/holds/"
                + armed.path("id").asText() + "/release", null);

        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    }
}

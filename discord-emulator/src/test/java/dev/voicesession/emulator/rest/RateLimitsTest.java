package dev.voicesession.emulator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.RequestLogEntry;
import dev.voicesession.emulator.support.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RateLimitsTest {
    private static Guild guild;
    private static Channel text;

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.withJda()
            .voice(false)
            .emulator(b -> b.rateLimitConfig(RateLimitConfig.discord()
                    .route("GET", "channels/{channel_id}", 3, Duration.ofSeconds(30))))
            .seed(control -> {
                guild = control.createGuild("limits");
                text = control.createTextChannel(guild.id(), "general");
            });

    @Test
    @DisplayName("a 429 on a route makes JDA wait for Retry-After and retry; the message is sent once")
    void jda_waits_and_retries_after_429() {
        DISCORD.emulator().faults().rateLimitNext("POST", "channels/{channel_id}/messages", Duration.ofMillis(1000));

        var sent = DISCORD.jda().getTextChannelById(text.id()).sendMessage("after the limit").complete();

        List<RequestLogEntry> posts = DISCORD.control().requestLog("POST", "channels/{channel_id}/messages");
        assertThat(posts).extracting(RequestLogEntry::status).containsExactly(429, 200);
        assertThat(Duration.between(posts.get(0).timestamp(), posts.get(1).timestamp()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(DISCORD.control().messages(text.id())).extracting(m -> m.id()).containsExactly(sent.getIdLong());
    }

    @Test
    @DisplayName("per-route buckets answer with Discord's headers and a 429 with retry_after once exhausted")
    void bucket_headers_and_429() {
        Http http = new Http(DISCORD.emulator().botToken());
        String url = DISCORD.emulator().restBaseUrl() + "channels/" + text.id();

        HttpResponse<String> first = http.send("GET", url, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("2");
        assertThat(first.headers().firstValue("X-RateLimit-Bucket")).isPresent();
        assertThat(Double.parseDouble(first.headers().firstValue("X-RateLimit-Reset-After").orElseThrow()))
                .isBetween(29.0, 30.0);
        assertThat(Double.parseDouble(first.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
                .isGreaterThan(Instant.now().getEpochSecond());
        http.send("GET", url, null);
        http.send("GET", url, null);

        HttpResponse<String> limited = http.send("GET", url, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("X-RateLimit-Scope")).hasValue("user");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(Http.json(limited).path("retry_after").asDouble()).isPositive();
        assertThat(Http.json(limited).path("global").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("the global limit answers 429 with X-RateLimit-Global across routes")
    void global_limit() {
        try (var emulator = dev.voicesession.emulator.DiscordEmulator.builder().voice(false)
                .rateLimitConfig(new RateLimitConfig(100, Duration.ofSeconds(1), 3)).build().start()) {
            Http http = new Http(emulator.botToken());
            for (int i = 0; i < 3; i++) {
                assertThat(http.send("GET", emulator.restBaseUrl() + "users/@me", null).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> limited = http.send("GET", emulator.restBaseUrl() + "gateway/bot", null);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("X-RateLimit-Global")).hasValue("true");
            assertThat(limited.headers().firstValue("X-RateLimit-Scope")).hasValue("global");
            assertThat(Http.json(limited).path("global").asBoolean()).isTrue();
        }
    }

    @Test
    @DisplayName("with rate limits off no headers are sent and nothing is limited")
    void off_mode() {
        try (var emulator = dev.voicesession.emulator.DiscordEmulator.builder().voice(false)
                .rateLimits(RateLimitMode.OFF).build().start()) {
            Http http = new Http(emulator.botToken());
            for (int i = 0; i < 60; i++) {
                HttpResponse<String> response = http.send("GET", emulator.restBaseUrl() + "users/@me", null);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
            }
        }
    }
}

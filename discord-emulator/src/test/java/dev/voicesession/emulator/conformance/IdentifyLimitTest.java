package dev.voicesession.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.core.Intents;
import dev.voicesession.emulator.gateway.IdentifyLimit;
import dev.voicesession.emulator.model.IdentifyLogEntry;
import dev.voicesession.emulator.model.IdentifyLogEntry.Outcome;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.support.Http;
import dev.voicesession.emulator.support.RawGateway;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The identify limit of Discord's gateway documentation ("Identifying", "Rate Limiting", "Max Concurrency",
 * "Session Start Limit Object"), through a bare websocket: one IDENTIFY per bucket ({@code shard_id %
 * max_concurrency}) per window, answered with op 9 INVALID_SESSION when exceeded; and the session start limit
 * served by {@code GET gateway/bot}, whose exhaustion ends every session and resets the token.
 */
class IdentifyLimitTest {
    private static final int INTENTS = Intents.GUILDS;
    private static final Duration WINDOW = Duration.ofMillis(1500);

    private DiscordEmulator emulator;

    private DiscordEmulator start(IdentifyLimit limit) {
        emulator = DiscordEmulator.builder().rateLimits(RateLimitMode.OFF).voice(false).identifyLimit(limit).build()
                .start();
        return emulator;
    }

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    @DisplayName("Discord's limit by default: max_concurrency 1, one IDENTIFY per 5 s, 1000 session starts")
    void discordDefaults() {
        emulator = DiscordEmulator.builder().voice(false).build().start();
        DiscordEmulator started = emulator;

        JsonNode limit = gatewayBot(started).path("session_start_limit");

        assertThat(limit.path("max_concurrency").asInt()).isEqualTo(1);
        assertThat(limit.path("total").asInt()).isEqualTo(1000);
        assertThat(limit.path("remaining").asInt()).isEqualTo(1000);
        assertThat(limit.path("reset_after").asLong()).isEqualTo(Duration.ofDays(1).toMillis());
        assertThat(started.control().identifyLimit().window()).isEqualTo(Duration.ofSeconds(5));
        assertThat(started.control().identifyLimitEnforced()).as("with Discord's rate limits").isTrue();
    }

    @Test
    @DisplayName("rate limits off and no identify limit of its own: every IDENTIFY is accepted, and still recorded")
    void offWithoutLimit() throws Exception {
        emulator = DiscordEmulator.builder().rateLimits(RateLimitMode.OFF).voice(false).build().start();
        try (RawGateway first = connect(); RawGateway second = connect()) {
            first.identify(emulator.botToken(), INTENTS);
            second.identify(emulator.botToken(), INTENTS);
            first.awaitDispatch("READY", d -> true);
            second.awaitDispatch("READY", d -> true);
        }
        assertThat(emulator.control().identifyLimitEnforced()).isFalse();
        assertThat(emulator.control().identifies()).hasSize(2).allMatch(IdentifyLogEntry::accepted);
    }

    @Test
    @DisplayName("two IDENTIFYs in one bucket within the window: the second gets op 9 INVALID_SESSION (d false) and"
            + " no READY; once the window has passed the bucket accepts again")
    void sameBucketWithinWindowIsRefused() throws Exception {
        EmulatorControl control = start(IdentifyLimit.discord().withMaxConcurrency(2).withWindow(WINDOW)).control();
        try (RawGateway first = connect(); RawGateway second = connect()) {
            first.identify(emulator.botToken(), INTENTS, 0, 4);
            first.awaitDispatch("READY", d -> true);

            second.identify(emulator.botToken(), INTENTS, 2, 4);   // 2 % 2 == 0: the same bucket as shard 0

            JsonNode invalid = second.await(9, null);
            assertThat(invalid.path("d").asBoolean(true)).as("not resumable").isFalse();
            assertThat(second.dispatches("READY")).isEmpty();
            assertThat(control.identifies()).extracting(IdentifyLogEntry::shardId, IdentifyLogEntry::bucket,
                    IdentifyLogEntry::outcome).containsExactly(
                            tuple(0, 0, Outcome.ACCEPTED),
                            tuple(2, 0, Outcome.RATE_LIMITED));
            assertThat(gatewayBot(emulator).path("session_start_limit").path("remaining").asInt())
                    .as("a refused IDENTIFY starts no session").isEqualTo(999);

            await().atMost(Duration.ofSeconds(5)).until(() -> emulator.identifyLimiter().untilAllowed(2).isZero());
            second.identify(emulator.botToken(), INTENTS, 2, 4);
            assertThat(second.awaitDispatch("READY", d -> true).path("shard").get(0).asInt()).isEqualTo(2);
        }
        IdentifyLogEntry accepted = control.identifies().get(0);
        IdentifyLogEntry later = control.identifies().get(2);
        assertThat(later.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(Duration.ofNanos(later.nanoTime() - accepted.nanoTime())).isGreaterThanOrEqualTo(WINDOW);
    }

    @Test
    @DisplayName("IDENTIFYs of shards in different buckets at the same moment are all accepted")
    void differentBucketsAreNotLimited() throws Exception {
        EmulatorControl control = start(IdentifyLimit.discord().withMaxConcurrency(2).withWindow(WINDOW)).control();
        try (RawGateway zero = connect(); RawGateway one = connect()) {
            zero.identify(emulator.botToken(), INTENTS, 0, 4);
            one.identify(emulator.botToken(), INTENTS, 1, 4);

            zero.awaitDispatch("READY", d -> true);
            one.awaitDispatch("READY", d -> true);
            assertThat(one.payloads(9)).isEmpty();
        }
        assertThat(control.identifies()).extracting(IdentifyLogEntry::bucket).containsExactlyInAnyOrder(0, 1);
        assertThat(control.identifies()).allMatch(IdentifyLogEntry::accepted);
        assertThat(gatewayBot(emulator).path("session_start_limit").path("max_concurrency").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName("past the session start limit every session ends (close 4004) and the token is reset: the old one"
            + " gets 401 from REST")
    void sessionStartLimitResetsTheToken() throws Exception {
        EmulatorControl control = start(IdentifyLimit.discord().withMaxConcurrency(4).withTotal(2)).control();
        String oldToken = emulator.botToken();
        try (RawGateway zero = connect(); RawGateway one = connect(); RawGateway two = connect()) {
            zero.identify(oldToken, INTENTS, 0, 4);
            one.identify(oldToken, INTENTS, 1, 4);
            zero.awaitDispatch("READY", d -> true);
            one.awaitDispatch("READY", d -> true);
            assertThat(gatewayBot(emulator).path("session_start_limit").path("remaining").asInt()).isZero();

            two.identify(oldToken, INTENTS, 2, 4);

            assertThat(two.awaitClose()).isEqualTo(4004);
            assertThat(zero.awaitClose()).as("every active session is terminated").isEqualTo(4004);
            assertThat(one.awaitClose()).isEqualTo(4004);
        }
        assertThat(control.identifies()).last().extracting(IdentifyLogEntry::outcome)
                .isEqualTo(Outcome.SESSION_START_LIMIT_EXCEEDED);
        assertThat(emulator.botToken()).isNotEqualTo(oldToken);
        assertThat(new Http(oldToken).send("GET", emulator.restBaseUrl() + "users/@me", null).statusCode())
                .isEqualTo(401);
        assertThat(new Http(emulator.botToken()).send("GET", emulator.restBaseUrl() + "users/@me", null)
                .statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("the control API reads and changes the limit and lists the IDENTIFYs it judged")
    void controlApi() throws Exception {
        start(IdentifyLimit.discord());
        Http control = new Http(null);

        JsonNode changed = Http.json(control.send("PUT", emulator.controlUrl() + "gateway/identify-limit",
                "{\"maxConcurrency\":16,\"windowMillis\":250,\"total\":2000}"));

        assertThat(changed.path("enforced").asBoolean()).isTrue();
        assertThat(changed.path("maxConcurrency").asInt()).isEqualTo(16);
        assertThat(changed.path("windowMillis").asLong()).isEqualTo(250);
        assertThat(changed.path("remaining").asInt()).isEqualTo(2000);
        assertThat(gatewayBot(emulator).path("session_start_limit").path("max_concurrency").asInt()).isEqualTo(16);
        try (RawGateway gateway = connect()) {
            gateway.identify(emulator.botToken(), INTENTS, 3, 32);
            gateway.awaitDispatch("READY", d -> true);
        }
        JsonNode identifies = Http.json(control.send("GET", emulator.controlUrl() + "gateway/identifies", null));
        assertThat(identifies).singleElement().satisfies(entry -> {
            assertThat(entry.path("shardId").asInt()).isEqualTo(3);
            assertThat(entry.path("bucket").asInt()).isEqualTo(3);
            assertThat(entry.path("outcome").asText()).isEqualTo("ACCEPTED");
        });
        assertThat(Http.json(control.send("GET", emulator.controlUrl() + "bot", null)).path("token").asText())
                .isEqualTo(emulator.botToken());
    }

    private RawGateway connect() throws Exception {
        RawGateway gateway = new RawGateway(emulator.gatewayUrl());
        gateway.await(10, null);
        return gateway;
    }

    private static JsonNode gatewayBot(DiscordEmulator emulator) {
        return Http.json(new Http(emulator.botToken()).send("GET", emulator.restBaseUrl() + "gateway/bot", null));
    }
}

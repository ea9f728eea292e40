package dev.voicesession.emulator.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.core.Permissions;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Interaction;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.support.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The web console's HTTP API and live feed against a running emulator (no browser, no bot). */
class EmulatorConsoleTest {
    private final Http http = new Http(null);
    private DiscordEmulator emulator;
    private EmulatorControl control;
    private Guild guild;
    private Channel general;
    private Member alice;
    private Member bob;

    @BeforeEach
    void start() {
        emulator = DiscordEmulator.builder().voice(false).rateLimits(RateLimitMode.OFF).build().start();
        control = emulator.control();
        guild = control.createGuild("console");
        general = control.createTextChannel(guild.id(), "general");
        alice = control.addMember(guild.id(), "alice");
        bob = control.addMember(guild.id(), "bob");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    @DisplayName("the page and its scripts are served under /console/, nothing else is")
    void servesThePage() {
        HttpResponse<String> page = http.send("GET", emulator.consoleUrl(), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"console.js\">");
        for (String asset : List.of("console.js", "api.js", "render.js", "console.css")) {
            assertThat(http.send("GET", emulator.consoleUrl() + asset, null).statusCode()).as(asset).isEqualTo(200);
        }
        assertThat(http.send("GET", emulator.consoleUrl() + "secret.txt", null).statusCode()).isEqualTo(404);
        HttpResponse<String> bare = http.send("GET", "http://127.0.0.1:" + emulator.port() + "/console", null);
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).hasValue("/console/");
    }

    @Test
    @DisplayName("overview and guild: users to act as (owners last), private channels with who can see them")
    void overviewAndGuild() {
        Guild limited = control.createGuild("limited", Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES);
        Channel secret = control.createVoiceChannel(guild.id(), "secret");
        control.setOverwrite(secret.id(), guild.id(), 0, 0, Permissions.VIEW_CHANNEL);
        control.setOverwrite(secret.id(), alice.userId(), 1, Permissions.VIEW_CHANNEL | Permissions.CONNECT, 0);
        control.userJoinsVoice(guild.id(), alice.userId(), secret.id());

        JsonNode overview = get("overview");
        assertThat(overview.path("bot").path("username").asText()).isEqualTo("voice-bot");
        assertThat(overview.path("users").findValuesAsText("username"))
                .containsExactly("alice", "bob", "console-owner", "limited-owner");
        assertThat(texts(overview.path("guilds").get(1).path("botMissing")))
                .containsExactly("Manage Channels", "Manage Roles", "Move Members");
        assertThat(overview.path("guilds").get(1).path("id").asText()).isEqualTo(Long.toString(limited.id()));

        JsonNode view = get("guilds/" + guild.id());
        JsonNode secretView = channelView(view, "secret");
        assertThat(secretView.path("private").asBoolean()).isTrue();
        assertThat(secretView.path("type").asText()).isEqualTo("voice");
        assertThat(texts(secretView.path("visibleTo"))).containsExactly(Long.toString(alice.userId()));
        assertThat(texts(secretView.path("viewers"))).contains(Long.toString(alice.userId()))
                .doesNotContain(Long.toString(bob.userId()));
        assertThat(channelView(view, "general").path("private").asBoolean()).isFalse();
        assertThat(view.path("voiceStates").get(0).path("channelId").asText()).isEqualTo(Long.toString(secret.id()));
        assertThat(view.path("botVoice").path("state").asText()).isEqualTo("UNAVAILABLE");
        assertThat(http.send("GET", emulator.consoleUrl() + "api/guilds/42", null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("messages show edits, the slash command they answer, and ephemeral replies; the feed streams them")
    void messagesAndFeed() {
        try (EventStream events = EventStream.open(emulator.consoleUrl() + "api/events")) {
            events.await("hello");
            Http bot = new Http(emulator.botToken());
            String rest = emulator.restBaseUrl();

            control.userSendsMessage(general.id(), alice.userId(), "!voice");
            JsonNode userMessage = events.await("message", m -> m.path("content").asText().equals("!voice"));
            assertThat(userMessage.path("author").asText()).isEqualTo("alice");
            String posted = Http.json(bot.send("POST", rest + "channels/" + general.id() + "/messages",
                    "{\"content\":\"Creating your voice channel...\"}")).path("id").asText();
            bot.send("PATCH", rest + "channels/" + general.id() + "/messages/" + posted, "{\"content\":\"Join now\"}");
            JsonNode edited = events.await("message", m -> m.path("content").asText().equals("Join now"));
            assertThat(edited.path("bot").asBoolean()).isTrue();
            assertThat(edited.path("history").findValuesAsText("content"))
                    .containsExactly("Creating your voice channel...", "Join now");
            events.await("request", r -> r.path("method").asText().equals("PATCH") && r.path("status").asInt() == 200);
            events.await("gateway", g -> g.path("type").asText().equals("MESSAGE_UPDATE"));

            bot.send("PUT", rest + "applications/" + emulator.bot().id() + "/commands",
                    "[{\"name\":\"secret\",\"description\":\"A secret\",\"type\":1}]");
            Interaction used = control.userRunsSlashCommand(guild.id(), general.id(), bob.userId(), "secret", Map.of());
            bot.send("POST", rest + "interactions/" + used.id() + "/" + used.token() + "/callback",
                    "{\"type\":4,\"data\":{\"content\":\"only bob\",\"flags\":64}}");
            JsonNode ephemeral = events.await("message", m -> m.path("content").asText().equals("only bob"));
            assertThat(ephemeral.path("ephemeral").asBoolean()).isTrue();
            assertThat(ephemeral.path("interaction").path("user").asText()).isEqualTo("bob");
            assertThat(ephemeral.path("interaction").path("command").asText()).isEqualTo("secret");

            control.createVoiceChannel(guild.id(), "Lobby");
            events.await("guild", g -> g.path("cause").asText().equals("CHANNEL_CREATE"));
            assertThat(events.gatewayDispatches()).as("the ephemeral reply was observed, never dispatched")
                    .containsSubsequence("MESSAGE_CREATE", "MESSAGE_CREATE", "MESSAGE_UPDATE", "INTERACTION_CREATE",
                            "CHANNEL_CREATE")
                    .containsOnlyOnce("INTERACTION_CREATE")
                    .filteredOn("MESSAGE_CREATE"::equals).hasSize(2);
        }
        List<String> contents = new ArrayList<>();
        get("channels/" + general.id() + "/messages").forEach(m -> contents.add(m.path("content").asText()));
        assertThat(contents).containsExactly("!voice", "Join now", "only bob");
        assertThat(get("requests?after=0").findValuesAsText("method")).contains("POST", "PATCH", "PUT");
    }

    @Test
    @DisplayName("without a host the host panel is empty and a restart is refused")
    void noHost() {
        assertThat(get("host").path("attached").asBoolean()).isFalse();
        assertThat(get("host/log?after=0")).isEmpty();
        HttpResponse<String> restart = http.send("POST", emulator.consoleUrl() + "api/host/restart", "{}");
        assertThat(restart.statusCode()).isEqualTo(409);
        assertThat(Http.json(restart).path("message").asText()).isEqualTo("No bot host is attached to this console");
    }

    @Test
    @DisplayName("an attached host shows its sessions, join timeout and log, live, and restarts on request")
    void attachedHost() {
        FakeHost host = new FakeHost();
        emulator.console().attach(host);
        try (EventStream events = EventStream.open(emulator.consoleUrl() + "api/events")) {
            JsonNode first = events.await("host", h -> h.path("attached").asBoolean());
            assertThat(first.path("status").asText()).isEqualTo("RUNNING");
            assertThat(first.path("joinTimeouts").path(Long.toString(guild.id())).asText()).isEqualTo("8000");

            host.sessions.add(new ConsoleHost.Session(row(1, "NULL"), guild.id(), 77, alice.userId(), true));
            JsonNode withSession = events.await("host", h -> h.path("sessions").size() == 1);
            assertThat(withSession.path("sessions").get(0).path("row").path("user_id").asText())
                    .isEqualTo(Long.toString(alice.userId()));
            assertThat(withSession.path("sessions").get(0).path("active").asBoolean()).isTrue();

            host.lines.add(new ConsoleHost.LogLine(1, Instant.now(), "INFO", "Test", "first line"));
            JsonNode log = events.await("log", l -> l.path("lines").size() == 1);
            assertThat(log.path("lines").get(0).path("message").asText()).isEqualTo("first line");

            HttpResponse<String> restart = http.send("POST", emulator.consoleUrl() + "api/host/restart",
                    "{\"clean\":false}");
            assertThat(restart.statusCode()).isEqualTo(202);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> host.restarts.size() == 1);
            assertThat(host.restarts).containsExactly(false);
        }
    }

    private Map<String, Object> row(long id, String endedAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("user_id", Long.toString(alice.userId()));
        row.put("ended_at", endedAt.equals("NULL") ? null : endedAt);
        return row;
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = http.send("GET", emulator.consoleUrl() + "api/" + path, null);
        assertThat(response.statusCode()).as("GET %s -> %s", path, response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static JsonNode channelView(JsonNode guild, String name) {
        for (JsonNode channel : guild.path("channels")) {
            if (channel.path("name").asText().equals(name)) {
                return channel;
            }
        }
        throw new AssertionError("No channel '" + name + "' in " + guild);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /** A host whose sessions, log and restarts the test controls. */
    private static final class FakeHost implements ConsoleHost {
        final List<Session> sessions = new CopyOnWriteArrayList<>();
        final List<LogLine> lines = new CopyOnWriteArrayList<>();
        final List<Boolean> restarts = new CopyOnWriteArrayList<>();

        @Override
        public String description() {
            return "fake host";
        }

        @Override
        public Status status() {
            return Status.RUNNING;
        }

        @Override
        public List<Session> sessions() {
            return List.copyOf(sessions);
        }

        @Override
        public List<LogLine> log(long afterSequence, int max) {
            return lines.stream().filter(l -> l.sequence() > afterSequence).limit(max).toList();
        }

        @Override
        public Optional<Duration> joinTimeout(long guildId) {
            return Optional.of(Duration.ofSeconds(8));
        }

        @Override
        public void restart(boolean clean) {
            restarts.add(clean);
        }
    }

    /** The console's server-sent events, read on a thread of their own. */
    private static final class EventStream implements AutoCloseable {
        private record Event(String name, JsonNode data) {}

        private static final ObjectMapper MAPPER = new ObjectMapper();

        private final List<Event> events = new CopyOnWriteArrayList<>();
        private final HttpClient client = HttpClient.newHttpClient();
        private final Thread reader;

        private EventStream(String url) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build();
            reader = Thread.ofVirtual().name("console-test-sse").start(() -> read(request));
        }

        static EventStream open(String url) {
            return new EventStream(url);
        }

        private void read(HttpRequest request) {
            try (Stream<String> lines = client.send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
                String[] name = {null};
                lines.forEach(line -> {
                    if (line.startsWith("event: ")) {
                        name[0] = line.substring("event: ".length());
                    } else if (line.startsWith("data: ")) {
                        events.add(new Event(name[0], parse(line.substring("data: ".length()))));
                    }
                });
            } catch (IOException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    throw new UncheckedIOException("The console's event stream failed", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static JsonNode parse(String json) {
            try {
                return MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("The console sent an event that is not JSON: " + json, e);
            }
        }

        JsonNode await(String name) {
            return await(name, data -> true);
        }

        JsonNode await(String name, Predicate<JsonNode> matching) {
            return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                    .filter(e -> e.name().equals(name) && matching.test(e.data())).findFirst(), Optional::isPresent)
                    .orElseThrow().data();
        }

        /** The types of the gateway dispatches the feed reported, in order. */
        List<String> gatewayDispatches() {
            return events.stream().filter(e -> e.name().equals("gateway")).map(e -> e.data().path("type").asText())
                    .toList();
        }

        @Override
        public void close() {
            reader.interrupt();
            client.shutdownNow();
        }
    }
}

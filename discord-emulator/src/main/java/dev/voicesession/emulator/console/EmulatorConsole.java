package dev.voicesession.emulator.console;

import static dev.voicesession.emulator.console.ConsoleViews.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.core.DiscordException;
import dev.voicesession.emulator.core.EventTap;
import dev.voicesession.emulator.core.GatewayEvent;
import dev.voicesession.emulator.rest.RequestLog;
import dev.voicesession.emulator.voice.VoiceServer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's web console: a page under {@code /console/} on the emulator's port where a person acts as
 * the emulator's users (types in text channels, runs slash commands, joins and leaves voice channels)
 * and watches what the bot does, live. The page is plain HTML, CSS and JavaScript from the classpath
 * ({@code console/}); it acts through the control API and reads through {@code /console/api/}:
 *
 * <ul>
 *   <li>{@code GET overview}, {@code GET guilds/{id}}, {@code GET channels/{id}/messages}: snapshots;
 *   <li>{@code GET requests?after=N}: the newest REST requests of the bot, numbered;
 *   <li>{@code GET host}, {@code GET host/log?after=N}, {@code POST host/restart}: the attached
 *       {@link ConsoleHost}, if any;
 *   <li>{@code GET events}: server-sent events (messages and edits, guild changes, voice connection
 *       states, requests, gateway dispatches, host status and log).
 * </ul>
 */
public final class EmulatorConsole implements AutoCloseable {
    /** The path of the page on the emulator's port. */
    public static final String PATH = "/console/";

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorConsole.class);
    private static final String API = PATH + "api/";
    private static final int REQUESTS_KEPT = 300;
    private static final int MESSAGES_SHOWN = 200;
    private static final int LOG_SHOWN = 1_000;
    private static final Map<String, String> ASSETS = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8",
            "render.js", "text/javascript; charset=utf-8");

    private final AtomicReference<ConsoleHost> host = new AtomicReference<>();
    private final AtomicBoolean restarting = new AtomicBoolean();
    private final RequestTail requests = new RequestTail(REQUESTS_KEPT);
    private final ConsoleViews views;
    private final ConsoleFeed feed;

    /**
     * Creates the console over a running emulator's parts and starts listening to them.
     *
     * @param control the control API
     * @param events the tap in front of the gateway
     * @param requestLog the REST request log
     * @param voiceServer the voice server, or {@code null} when the emulator runs without one
     */
    public EmulatorConsole(EmulatorControl control, EventTap events, RequestLog requestLog, VoiceServer voiceServer) {
        VoiceWatch voice = null;
        if (voiceServer != null) {
            voice = new VoiceWatch(this::onBotVoice);
            voiceServer.addListener(voice);
        }
        this.views = new ConsoleViews(control, voice);
        this.feed = new ConsoleFeed(control, views, host::get);
        events.addObserver(this::onEvent);
        requestLog.addListener(entry -> feed.request(requests.add(entry)));
    }

    private void onEvent(GatewayEvent event, boolean dispatched) {
        feed.gatewayEvent(event, dispatched);
    }

    private void onBotVoice(long guildId) {
        feed.botVoice(guildId);
    }

    /**
     * Shows a host's sessions and log in the console and lets the page restart it; replaces any other.
     *
     * @param consoleHost the host
     */
    public void attach(ConsoleHost consoleHost) {
        host.set(consoleHost);
        feed.hostReplaced();
    }

    /** Stops showing the attached host. */
    public void detach() {
        host.set(null);
        feed.hostReplaced();
    }

    /**
     * Adds the page's and the API's routes.
     *
     * @param routes the emulator's routes
     */
    public void register(RoutesConfig routes) {
        // Javalin ignores trailing slashes when matching; the page's relative links need the slash.
        routes.get(PATH, ctx -> {
            if (ctx.path().endsWith("/")) {
                asset(ctx, "index.html");
            } else {
                ctx.redirect(PATH);
            }
        });
        routes.get(PATH + "{asset}", ctx -> asset(ctx, ctx.pathParam("asset")));
        routes.get(API + "overview", ctx -> json(ctx, views.overview()));
        routes.get(API + "guilds/{guildId}", ctx -> json(ctx, views.guild(id(ctx, "guildId"))));
        routes.get(API + "channels/{channelId}/messages",
                ctx -> json(ctx, views.messages(id(ctx, "channelId"), MESSAGES_SHOWN)));
        routes.get(API + "requests", ctx -> json(ctx, requests.after(after(ctx)).stream().map(views::request)
                .toList()));
        routes.get(API + "host", ctx -> json(ctx, views.host(host.get())));
        routes.get(API + "host/log", ctx -> {
            ConsoleHost attached = host.get();
            json(ctx, attached == null ? List.of() : attached.log(after(ctx), LOG_SHOWN));
        });
        routes.post(API + "host/restart", this::restart);
        routes.sse(API + "events", feed::subscribe);
    }

    private void restart(Context ctx) {
        ConsoleHost attached = host.get();
        JsonNode body = ConsoleJson.read(ctx.body());
        boolean clean = body.path("clean").asBoolean(true);
        if (attached == null) {
            conflict(ctx, "No bot host is attached to this console");
            return;
        }
        if (!restarting.compareAndSet(false, true)) {
            conflict(ctx, "The host is already restarting");
            return;
        }
        LOG.info("Console restarts the host ({})", clean ? "clean stop" : "stop without cleanup");
        Thread.ofPlatform().name("console-host-restart").start(() -> {
            try {
                attached.restart(clean);
            } catch (RuntimeException e) {
                // Whatever the host throws, the page must be able to try again; the host logged the cause.
                LOG.error("Console could not restart the host", e);
            } finally {
                restarting.set(false);
            }
        });
        ctx.status(HttpStatus.ACCEPTED);
        json(ctx, map("restarting", true, "clean", clean));
    }

    private static void asset(Context ctx, String name) {
        String contentType = ASSETS.get(name);
        if (contentType == null) {
            ctx.status(HttpStatus.NOT_FOUND).result("No console file '" + name + "'");
            return;
        }
        try (InputStream in = EmulatorConsole.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console/" + name + " is missing from the emulator's classpath");
            }
            ctx.contentType(contentType).header("Cache-Control", "no-store").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read console/" + name, e);
        }
    }

    private static void conflict(Context ctx, String message) {
        ctx.status(HttpStatus.CONFLICT);
        json(ctx, map("message", message));
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(ConsoleJson.write(value));
    }

    private static long id(Context ctx, String param) {
        try {
            return Long.parseUnsignedLong(ctx.pathParam(param));
        } catch (NumberFormatException e) {
            throw new DiscordException(400, 50035, "Invalid Form Body: '" + param + "' is not a snowflake");
        }
    }

    private static long after(Context ctx) {
        String after = ctx.queryParam("after");
        return after == null || after.isBlank() ? 0 : Long.parseLong(after);
    }

    /** Closes every event stream. */
    @Override
    public void close() {
        feed.close();
    }
}

package dev.voicesession.emulator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.core.DiscordException;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.log.EmulatorLog;
import dev.voicesession.emulator.model.RequestLogEntry;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /api/v10/*}: authentication, injected latency, rate limits, injected failures, requests
 * held before or after the route handler, the route handler, Discord's error bodies and headers, and the
 * request log.
 */
public final class RestServer {
    /** The path prefix JDA's base URL points at. */
    public static final String PREFIX = "/api/v10/";

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    private final RestRouter router;
    private final Supplier<String> botToken;
    private final RateLimiter rateLimiter;
    private final Faults faults;
    private final RequestLog requestLog;
    private final EmulatorLog log;

    /** Creates the server over a filled router; {@code botToken} gives the current token (it can be reset). */
    public RestServer(RestRouter router, Supplier<String> botToken, RateLimiter rateLimiter, Faults faults,
            RequestLog requestLog, EmulatorLog log) {
        this.router = router;
        this.botToken = botToken;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.requestLog = requestLog;
        this.log = log;
    }

    /** Handles one HTTP request below {@link #PREFIX}. */
    public void handle(Context ctx) {
        long arrivedNanos = System.nanoTime();
        Instant arrived = Instant.now();
        String method = ctx.method().name();
        String path = ctx.path().substring(PREFIX.length());
        String rawBody = rawBody(ctx);
        Optional<RestRouter.Match> match = router.match(method, path);
        String template = match.map(m -> m.route().template()).orElse(path);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Via", "1.1 google");
        RestResponse response;
        if (faults.holdIfArmed(RequestHold.Phase.BEFORE, method, template, path, rawBody)) {
            response = new RestResponse(500, Json.object().put("message", "Abandoned while held").put("code", 0));
        } else {
            try {
                response = respond(ctx, method, path, rawBody, match.orElse(null), headers);
            } catch (DiscordException e) {
                response = new RestResponse(e.status(), e.body());
            } catch (NumberFormatException e) {
                // A snowflake or number in the body that is not one: Discord answers 50035, never 500.
                LOG.debug("Route '{} {}' got a malformed number: {}", method, template, e.getMessage());
                response = new RestResponse(400, Json.object().put("message", "Invalid Form Body").put("code", 50035));
            } catch (RuntimeException e) {
                LOG.error("Route '{} {}' failed for path '{}'", method, template, path, e);
                ObjectNode body = Json.object().put("message", "500: Internal Server Error").put("code", 0);
                response = new RestResponse(500, body);
            }
            faults.holdIfArmed(RequestHold.Phase.AFTER, method, template, path, rawBody);
        }
        headers.forEach(ctx::header);
        ctx.status(response.status());
        String responseBody = response.body() == null ? "" : Json.write(response.body());
        if (response.body() != null) {
            ctx.contentType("application/json");
            ctx.result(responseBody);
        }
        requestLog.add(new RequestLogEntry(arrived, method, template, path, response.status(), rawBody, responseBody,
                arrivedNanos, System.nanoTime()));
        log.add(LOG, "{} {} -> {} {}", method, path, response.status(), rawBody.isEmpty() ? "" : rawBody);
    }

    private RestResponse respond(Context ctx, String method, String path, String rawBody, RestRouter.Match match,
            Map<String, String> headers) {
        if (match == null) {
            int status = router.pathExistsForAnyMethod(path) ? 405 : 404;
            String message = status == 405 ? "405: Method Not Allowed" : "404: Not Found";
            return new RestResponse(status, Json.object().put("message", message).put("code", 0));
        }
        RestRouter.Route route = match.route();
        if (route.authenticated() && !("Bot " + botToken.get()).equals(ctx.header("Authorization"))) {
            throw DiscordException.unauthorized();
        }
        String template = route.template();
        Duration latency = faults.latencyFor(method, template);
        if (!latency.isZero()) {
            sleep(latency);
        }
        String major = majorParameter(match.params());
        Optional<Faults.RateLimit> injected = faults.takeRateLimit(method, template);
        if (injected.isPresent()) {
            long millis = injected.get().retryAfter().toMillis();
            headers.putAll(rateLimiter.exhaust(method, template, major, millis));
            return tooManyRequests(headers, millis / 1000.0, false);
        }
        RateLimiter.Decision decision = rateLimiter.acquire(method, template, major, !route.authenticated());
        headers.putAll(decision.headers());
        if (decision.limited()) {
            return tooManyRequests(headers, decision.retryAfterSeconds(), decision.global());
        }
        Optional<Faults.Failure> failure = faults.takeFailure(method, template);
        if (failure.isPresent()) {
            Faults.Failure f = failure.get();
            return new RestResponse(f.status(), Json.object().put("message", f.message()).put("code", f.code()));
        }
        JsonNode body;
        try {
            body = Json.parse(rawBody);
        } catch (JsonProcessingException e) {
            throw new DiscordException(400, 50109, "The request body contains invalid JSON.");
        }
        Map<String, String> query = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.getFirst()));
        return route.handler().handle(new RestRequest(method, path, match.params(), query, body));
    }

    private static RestResponse tooManyRequests(Map<String, String> headers, double retryAfter, boolean global) {
        headers.put("Retry-After", Long.toString((long) Math.ceil(retryAfter)));
        ObjectNode body = Json.object();
        body.put("message", "You are being rate limited.");
        body.put("retry_after", Double.parseDouble(String.format(Locale.ROOT, "%.3f", retryAfter)));
        body.put("global", global);
        return new RestResponse(429, body);
    }

    private static String majorParameter(Map<String, String> params) {
        for (String key : new String[] {"channel_id", "guild_id", "webhook_id"}) {
            if (params.containsKey(key)) {
                return params.get(key);
            }
        }
        if (params.containsKey("interaction_token")) {
            return params.getOrDefault("application_id", params.get("interaction_id")) + "/"
                    + params.get("interaction_token");
        }
        return "";
    }

    private static String rawBody(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            String payload = ctx.formParam("payload_json");
            return payload == null ? "" : payload;
        }
        return ctx.body();
    }

    private static void sleep(Duration latency) {
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

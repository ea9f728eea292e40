package dev.voicesession.emulator.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps a method and path below {@code /api/v10/} to a route template such as {@code channels/{channel_id}}. */
public final class RestRouter {
    private final List<Route> routes = new ArrayList<>();

    /** Handles one route. */
    @FunctionalInterface
    public interface Handler {
        /** Handles a request; throws {@code DiscordException} for Discord errors. */
        RestResponse handle(RestRequest request);
    }

    /**
     * A registered route.
     *
     * @param method HTTP method
     * @param template route template as Discord documents it
     * @param authenticated whether a bot token is required (interaction token routes do not)
     * @param handler the handler
     */
    public record Route(String method, String template, boolean authenticated, Handler handler) {
        String[] segments() {
            return template.split("/");
        }
    }

    /**
     * A matched route with its parameter values.
     *
     * @param route the route
     * @param params template parameter values
     */
    public record Match(Route route, Map<String, String> params) {}

    /** Registers an authenticated route. */
    public RestRouter add(String method, String template, Handler handler) {
        routes.add(new Route(method, template, true, handler));
        return this;
    }

    /** Registers a route authenticated by an interaction token in its path instead of the bot token. */
    public RestRouter addTokenRoute(String method, String template, Handler handler) {
        routes.add(new Route(method, template, false, handler));
        return this;
    }

    /** Every registered route. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * Finds the route for a request; literal segments win over parameters. Each segment of the path is
     * percent-decoded first, as Discord does: {@code messages/%40original} is {@code messages/@original}.
     */
    public Optional<Match> match(String method, String path) {
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = decode(parts[i]);
        }
        Match best = null;
        int bestLiterals = -1;
        for (Route route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            String[] segments = route.segments();
            if (segments.length != parts.length) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            int literals = 0;
            boolean ok = true;
            for (int i = 0; i < segments.length && ok; i++) {
                if (segments[i].startsWith("{")) {
                    params.put(segments[i].substring(1, segments[i].length() - 1), parts[i]);
                } else if (segments[i].equals(parts[i])) {
                    literals++;
                } else {
                    ok = false;
                }
            }
            if (ok && literals > bestLiterals) {
                best = new Match(route, params);
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Percent-decodes one path segment ({@code +} stays a plus); a malformed escape is kept as it came. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    /** The path of any route template (used when no route matches). */
    public boolean pathExistsForAnyMethod(String path) {
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            if (match(method, path).isPresent()) {
                return true;
            }
        }
        return false;
    }
}

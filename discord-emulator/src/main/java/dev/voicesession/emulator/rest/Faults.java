package dev.voicesession.emulator.rest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Injected REST faults: the next N requests on a route fail with a given status and Discord code, added
 * latency on a route, the next request answered with 429, or the next request {@linkplain RequestHold
 * held} before or after its handler until the test releases it. Routes are matched by method (or {@code *})
 * and route template exactly as in the request log, e.g. {@code POST} and {@code guilds/{guild_id}/channels}.
 */
public final class Faults {
    private final List<Failure> failures = new ArrayList<>();
    private final List<RequestHold> holds = new ArrayList<>();
    private final List<Latency> latencies = new ArrayList<>();
    private final List<RateLimit> rateLimits = new ArrayList<>();

    /** An armed failure. */
    public record Failure(String method, String route, int remaining, int status, int code, String message) {}

    /** An added delay. */
    public record Latency(String method, String route, Duration delay) {}

    /** An armed 429. */
    public record RateLimit(String method, String route, int remaining, Duration retryAfter) {}

    /** The next {@code count} requests on the route fail with {@code status} and Discord {@code code}. */
    public synchronized Faults failNext(String method, String route, int count, int status, int code) {
        return failNext(method, route, count, status, code, "Injected failure");
    }

    /** Like {@link #failNext(String, String, int, int, int)} with a chosen error message. */
    public synchronized Faults failNext(String method, String route, int count, int status, int code, String message) {
        failures.add(new Failure(method, route, count, status, code, message));
        return this;
    }

    /** Every request on the route waits {@code delay} before it is handled. */
    public synchronized Faults latency(String method, String route, Duration delay) {
        latencies.add(new Latency(method, route, delay));
        return this;
    }

    /** The next request on the route gets a 429 with {@code retryAfter} (Retry-After is whole seconds). */
    public synchronized Faults rateLimitNext(String method, String route, Duration retryAfter) {
        rateLimits.add(new RateLimit(method, route, 1, retryAfter));
        return this;
    }

    /**
     * Holds the next request on the route at {@code phase} until the returned hold is released.
     *
     * @param method the method, or {@code *}
     * @param route the route template, or {@code *}
     * @param phase before or after the route handler
     * @return the armed hold
     */
    public RequestHold hold(String method, String route, RequestHold.Phase phase) {
        return hold(method, route, phase, null);
    }

    /**
     * Holds the next request on the route whose path or raw body contains {@code contains} (for example a
     * guild id, or a word of a message), at {@code phase}, until the returned hold is released.
     *
     * @param method the method, or {@code *}
     * @param route the route template, or {@code *}
     * @param phase before or after the route handler
     * @param contains the text to look for, or {@code null} for any request on the route
     * @return the armed hold
     */
    public synchronized RequestHold hold(String method, String route, RequestHold.Phase phase, String contains) {
        RequestHold hold = new RequestHold(method, route, phase, contains);
        holds.add(hold);
        return hold;
    }

    /** Every hold armed and not yet released, including those holding a request now. */
    public synchronized List<RequestHold> holds() {
        holds.removeIf(RequestHold::isReleased);
        return List.copyOf(holds);
    }

    /** Removes every armed fault and latency, and releases every hold. */
    public synchronized void clear() {
        failures.clear();
        latencies.clear();
        rateLimits.clear();
        holds.forEach(RequestHold::release);
        holds.clear();
    }

    /**
     * Parks the serving thread if an armed, not yet used hold matches the request at this phase.
     *
     * @return {@code true} if the request was abandoned while held before its handler
     */
    boolean holdIfArmed(RequestHold.Phase phase, String method, String route, String path, String body) {
        RequestHold hold = null;
        synchronized (this) {
            for (RequestHold candidate : holds) {
                if (candidate.phase() == phase && !candidate.isReleased() && candidate.matches(method, route, path, body)
                        && candidate.take()) {
                    hold = candidate;
                    break;
                }
            }
        }
        return hold != null && hold.park(path) && phase == RequestHold.Phase.BEFORE;
    }

    /** Consumes one armed failure for the request, if any. */
    public synchronized Optional<Failure> takeFailure(String method, String route) {
        for (int i = 0; i < failures.size(); i++) {
            Failure failure = failures.get(i);
            if (matches(failure.method(), failure.route(), method, route)) {
                if (failure.remaining() <= 1) {
                    failures.remove(i);
                } else {
                    failures.set(i, new Failure(failure.method(), failure.route(), failure.remaining() - 1,
                            failure.status(), failure.code(), failure.message()));
                }
                return Optional.of(failure);
            }
        }
        return Optional.empty();
    }

    /** Consumes one armed 429 for the request, if any. */
    public synchronized Optional<RateLimit> takeRateLimit(String method, String route) {
        for (int i = 0; i < rateLimits.size(); i++) {
            RateLimit limit = rateLimits.get(i);
            if (matches(limit.method(), limit.route(), method, route)) {
                rateLimits.remove(i);
                return Optional.of(limit);
            }
        }
        return Optional.empty();
    }

    /** The total added delay for the request. */
    public synchronized Duration latencyFor(String method, String route) {
        return latencies.stream()
                .filter(l -> matches(l.method(), l.route(), method, route))
                .map(Latency::delay)
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static boolean matches(String faultMethod, String faultRoute, String method, String route) {
        return ("*".equals(faultMethod) || faultMethod.equalsIgnoreCase(method))
                && ("*".equals(faultRoute) || faultRoute.equals(route));
    }
}

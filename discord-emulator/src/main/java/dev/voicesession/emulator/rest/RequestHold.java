package dev.voicesession.emulator.rest;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One REST request held by the emulator until the test lets it go: armed with {@link Faults#hold}, it
 * catches the next request on its route (and, if given, whose path or body contains a text) and parks
 * the emulator's thread that serves it, either {@linkplain Phase#BEFORE before} the route handler runs
 * (nothing has changed yet) or {@linkplain Phase#AFTER after} it ran (the change is made, the response
 * is not sent yet).
 *
 * <p>A test waits with {@link #awaitArrival(Duration)}, does what it wants at that exact point (for
 * example kill the client process, so that it dies between Discord creating a channel and learning its
 * id), then {@link #release()}s the request. {@link #abandon()} lets a request held before its handler
 * go without running the handler, as if it never reached Discord. {@link Faults#clear()} releases every
 * hold, and a hold never parks a thread longer than {@link #MAX_HOLD}.
 */
public final class RequestHold {

    /** The longest a request stays parked; then it goes on by itself and a warning is logged. */
    public static final Duration MAX_HOLD = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(RequestHold.class);
    private static final AtomicLong IDS = new AtomicLong();

    /** Where the request is held. */
    public enum Phase {
        /** Before the route handler runs: Discord has not acted on the request. */
        BEFORE,
        /** After the route handler ran: Discord acted, the client has not been answered. */
        AFTER
    }

    private final long id = IDS.incrementAndGet();
    private final String method;
    private final String route;
    private final Phase phase;
    private final String contains;
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private boolean taken;
    private volatile boolean abandoned;
    private volatile String heldPath;
    private volatile long heldNanos;

    RequestHold(String method, String route, Phase phase, String contains) {
        this.method = Objects.requireNonNull(method, "method");
        this.route = Objects.requireNonNull(route, "route");
        this.phase = Objects.requireNonNull(phase, "phase");
        this.contains = contains == null || contains.isEmpty() ? null : contains;
    }

    /** A number that names this hold in the control API. */
    public long id() {
        return id;
    }

    /** The method it matches, or {@code *}. */
    public String method() {
        return method;
    }

    /** The route template it matches, or {@code *}. */
    public String route() {
        return route;
    }

    /** Where the request is held. */
    public Phase phase() {
        return phase;
    }

    /** The text the path or body must contain, or {@code null} for any request on the route. */
    public String contains() {
        return contains;
    }

    /** Whether a request has been caught. */
    public boolean hasArrived() {
        return arrived.getCount() == 0;
    }

    /** Whether the hold was released or abandoned. */
    public boolean isReleased() {
        return released.getCount() == 0;
    }

    /** The path of the caught request (below {@code /api/v10/}), or {@code null} before one arrived. */
    public String heldPath() {
        return heldPath;
    }

    /**
     * When the caught request was parked, in {@link System#nanoTime()}; {@code 0} before one arrived. It lies
     * between the request's {@code arrivedNanos} and {@code completedNanos} in the request log, which tells
     * a test that the held request was answered even if it was let go before the test saw it arrive.
     */
    public long heldNanos() {
        return heldNanos;
    }

    /**
     * Waits until a request is caught and parked.
     *
     * @param timeout how long to wait
     * @return {@code true} if one arrived in time
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitArrival(Duration timeout) throws InterruptedException {
        return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the held request go on (or the next one through at once, if none arrived yet). */
    public void release() {
        released.countDown();
    }

    /**
     * Lets the held request go without running its handler, if it is held {@linkplain Phase#BEFORE
     * before} it: it is answered with 500 and Discord's state is untouched. Held after its handler, it is
     * simply released.
     */
    public void abandon() {
        abandoned = true;
        released.countDown();
    }

    /** Claims the hold for one request; called under the {@link Faults} lock. */
    boolean take() {
        if (taken) {
            return false;
        }
        taken = true;
        return true;
    }

    boolean matches(String requestMethod, String template, String path, String body) {
        return ("*".equals(method) || method.equalsIgnoreCase(requestMethod))
                && ("*".equals(route) || route.equals(template))
                && (contains == null || path.contains(contains) || (body != null && body.contains(contains)));
    }

    /**
     * Parks the calling (serving) thread until released.
     *
     * @return {@code true} if the request was abandoned and its handler must not run
     */
    boolean park(String path) {
        heldPath = path;
        heldNanos = System.nanoTime();
        arrived.countDown();
        try {
            if (!released.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Request '{} {}' held by hold {} for {} without release; letting it go", method, path, id,
                        MAX_HOLD);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return abandoned;
    }

    @Override
    public String toString() {
        return "RequestHold[" + id + " " + phase + " " + method + " " + route + (contains == null ? "" : " ~" + contains)
                + (hasArrived() ? ", held " + heldPath : "") + (isReleased() ? ", released" : "") + "]";
    }
}

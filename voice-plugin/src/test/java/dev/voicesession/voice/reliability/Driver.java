package dev.voicesession.voice.reliability;

import static org.awaitility.Awaitility.await;

import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.voice.reliability.Invariants.Ask;
import dev.voicesession.voice.reliability.ReliabilityWorld.Space;
import dev.voicesession.voice.testing.StoredSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Acts as the users of a {@link ReliabilityWorld} and waits for the system to settle: sends commands,
 * waits for a session's channel, ends whatever still runs, and waits until the {@link Invariants} hold,
 * returning what still broke them at the deadline.
 */
final class Driver {

    /** How long the system may take to settle after the last action before a broken promise counts. */
    static final Duration SETTLE = Duration.ofSeconds(25);

    private final ReliabilityWorld world;
    private final Invariants invariants;
    private final List<Ask> asks = new ArrayList<>();

    Driver(ReliabilityWorld world) {
        this.world = world;
        this.invariants = new Invariants(world);
    }

    ReliabilityWorld world() {
        return world;
    }

    Invariants invariants() {
        return invariants;
    }

    /**
     * Waits until the bot's gateway is connected. A message sent while it is away without a session to resume
     * never reaches the bot (Discord replays nothing to a new session), so user actions wait for it.
     */
    void awaitGateway() {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(50)).until(world::gatewayConnected);
    }

    /** The member asks for a session with {@code !voice}; the ask's reply is checked at every settle. */
    Ask start(Space space, Member member) {
        awaitGateway();
        Ask ask = invariants.ask(space, member, "!voice", true);
        asks.add(ask);
        return ask;
    }

    /** Sends a command whose reply only has to be one the user can act on (a duplicate, a cooldown, ...). */
    Ask extra(Space space, Member member, String content) {
        awaitGateway();
        Ask ask = invariants.ask(space, member, content, false);
        asks.add(ask);
        return ask;
    }

    /** Sends a command whose reply is not checked (close, admin commands). */
    Message say(Space space, Member member, String content) {
        awaitGateway();
        return world.say(space, member, content);
    }

    List<Ask> asks() {
        return List.copyOf(asks);
    }

    /** Forgets the asks checked so far (they were checked at the last settle). */
    void forgetAsks() {
        asks.clear();
    }

    /** The last text of the reply to an ask, or empty while there is none. */
    Optional<String> replyText(Ask ask) {
        List<Long> ids = world.repliesTo(ask.messageId());
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return world.control.message(ids.getFirst()).map(Message::content);
    }

    /** Waits until the ask's reply names a live channel (join within, or active) and returns that channel. */
    long awaitLive(Ask ask, Duration atMost) {
        AtomicReference<Long> channel = new AtomicReference<>(0L);
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            long id = replyText(ask).map(Texts::liveChannel).orElse(0L);
            channel.set(id);
            return id != 0 && world.botInVoice(ask.space(), id);
        });
        return channel.get();
    }

    /** Waits until the ask's reply tells that the request is over, and returns that text. */
    String awaitFinal(Ask ask, Duration atMost) {
        AtomicReference<String> text = new AtomicReference<>("");
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            text.set(replyText(ask).orElse(""));
            return Texts.isFinal(text.get());
        });
        return text.get();
    }

    /** The session row of an ask, if one was written: the user's first row in the guild since the ask. */
    Optional<StoredSession> rowOf(Ask ask) {
        return world.rows().stream()
                .filter(r -> r.id() > ask.rowWatermark() && r.userId() == ask.member().userId()
                        && r.guildId() == ask.space().id())
                .findFirst();
    }

    /**
     * Waits until every invariant holds, polling; returns the violations of the last check if they still
     * do not hold after {@code atMost} (an empty list means the system settled in a consistent state).
     */
    List<String> settle(Duration atMost) {
        AtomicReference<List<String>> last = new AtomicReference<>(List.of());
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
                last.set(invariants.check(asks));
                return last.get().isEmpty();
            });
            return List.of();
        } catch (ConditionTimeoutException e) {
            return last.get();
        }
    }

    /**
     * Ends every session and request still running, as their users would ({@code !voice close}), then waits
     * until nothing is left: no queue entry, no active row, no channel of the bot's, and every invariant holds.
     *
     * @return the violations left at the deadline; empty if everything ended cleanly
     */
    List<String> endEverything(Duration atMost) {
        try {
            awaitGateway();
        } catch (ConditionTimeoutException e) {
            return List.of("the bot's gateway did not connect again within " + SETTLE.toSeconds() + " s ("
                    + world.gatewayReport() + ")");
        }
        for (QueueEntry entry : world.host.queue().entries()) {
            Space space = world.spaces.stream().filter(s -> s.id() == entry.guildId()).findFirst().orElseThrow();
            world.control.members(space.id()).stream().filter(m -> m.userId() == entry.userId()).findFirst()
                    .ifPresent(member -> world.say(space, member, "!voice close"));
        }
        AtomicReference<List<String>> last = new AtomicReference<>(List.of());
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
                List<String> violations = new ArrayList<>(invariants.check(asks));
                if (!world.host.queue().entries().isEmpty()) {
                    violations.add("the queue still holds " + world.host.queue().entries());
                }
                world.rows().stream().filter(StoredSession::active)
                        .forEach(r -> violations.add("row '" + r.id() + "' is still active after its user closed it"));
                last.set(violations);
                return violations.isEmpty();
            });
            return List.of();
        } catch (ConditionTimeoutException e) {
            return last.get();
        }
    }
}

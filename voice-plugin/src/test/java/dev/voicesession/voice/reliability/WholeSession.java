package dev.voicesession.voice.reliability;

import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.voice.reliability.ReliabilityWorld.Space;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** One user's whole session, as the rate-limit tests run many at once: ask, join, leave, row ended, slot freed. */
final class WholeSession {

    private WholeSession() {}

    /**
     * Runs the session and returns once its row is ended and the queue no longer holds the user.
     *
     * @param world the world
     * @param space the user's guild
     * @param member the user
     */
    static void run(ReliabilityWorld world, Space space, Member member) {
        Message ask = world.say(space, member, "!voice");
        AtomicReference<Long> channel = new AtomicReference<>(0L);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            long id = replyText(world, ask).map(Texts::liveChannel).orElse(0L);
            channel.set(id);
            return id != 0 && world.botInVoice(space, id);
        });
        world.join(space, member, channel.get());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> replyText(world, ask).orElse("").startsWith("Voice session active"));
        world.control.userLeavesVoice(space.id(), member.userId());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> world.rows().stream()
                .anyMatch(r -> r.channelId() == channel.get() && !r.active()));
        // The guild is free for the next session once the queue released its slot.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> world.host.queue()
                .entries().stream().noneMatch(e -> e.userId() == member.userId()));
    }

    private static Optional<String> replyText(ReliabilityWorld world, Message ask) {
        List<Long> ids = world.repliesTo(ask.id());
        return ids.isEmpty() ? Optional.empty() : world.control.message(ids.getFirst()).map(Message::content);
    }
}

package dev.voicesession.voice.reliability.process;

import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Member;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Acts as the users and moderators of a scenario, one step at a time, and stops as soon as the kill
 * point's trigger has fired: every step, and every wait, ends with {@link HostKilled} once the host is dead.
 */
final class Driver {

    /** Thrown by a step once the host has been killed: the scenario is over. */
    static final class HostKilled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostKilled() {
            super("the host was killed at its kill point", null, false, false);
        }
    }

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);

    final ProcessWorld world;
    private final Trigger trigger;
    private long mark;

    Driver(ProcessWorld world, Trigger trigger) {
        this.world = world;
        this.trigger = trigger;
        this.mark = world.messageMark();
    }

    /** Looks only at the bot's messages from now on. */
    void newMark() {
        mark = world.messageMark();
    }

    private boolean live() {
        return !trigger.fired();
    }

    private void checkLive() {
        if (!live()) {
            throw new HostKilled();
        }
    }

    /** Names a quiet moment; a manual trigger kills the host here. */
    void at(String moment) {
        trigger.at(world, moment);
        checkLive();
    }

    void say(Member member, String content) {
        checkLive();
        world.say(member, content);
    }

    /** Waits until the bot showed {@code part} in a message newer than the mark, or the host was killed. */
    void awaitText(String part) {
        awaitText(part, STEP_TIMEOUT);
    }

    void awaitText(String part, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .until(() -> !live() || world.botTextsSince(mark).contains(part));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("The bot did not show '" + part + "' within " + timeout + "; it showed:\n"
                    + world.botTextsSince(mark) + "\nHost output:\n" + world.host.tail(), e);
        }
        checkLive();
    }

    /** Waits until a freshly launched host is ready, or was killed on its way. */
    void awaitHostReady() {
        await().atMost(ProcessWorld.START_TIMEOUT).pollInterval(Duration.ofMillis(20))
                .until(() -> !live() || world.host.isReady());
        checkLive();
    }

    /** The member's session channel, once it exists. */
    Channel channelOf(Member member) {
        await().atMost(STEP_TIMEOUT).until(() -> !live() || world.sessionChannel(member).isPresent());
        checkLive();
        return world.sessionChannel(member).orElseThrow();
    }

    void join(Member member) {
        world.joinVoice(member, channelOf(member).id());
    }

    void leave(Member member) {
        checkLive();
        world.leaveVoice(member);
    }

    /** {@code !voice}, the bot connects, the member joins: an active session. */
    void activeSession(Member member) {
        say(member, "!voice");
        at("requested");
        awaitText("Join <#");
        at("waiting for the user");
        join(member);
        awaitText("Voice session active");
        at("active");
    }
}

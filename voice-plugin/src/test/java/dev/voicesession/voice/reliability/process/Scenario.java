package dev.voicesession.voice.reliability.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.rest.RequestHold;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One way through a session's life, driven from outside the host. {@link #setup} runs before the kill
 * point's trigger is armed (to reach a starting state), {@link #drive} after it; both stop once the host
 * was killed.
 */
enum Scenario {

    /** {@code !voice}, the user joins, then {@code !voice close}: reason {@code closed}. */
    CLOSE("close") {
        @Override
        void drive(Driver d) {
            d.activeSession(d.world.alice);
            d.say(d.world.alice, "!voice close");
            d.awaitText("Voice session ended");
            d.awaitText("Your voice session is close");
            d.at("ended");
        }
    },

    /** The user joins, then leaves: reason {@code user_left}. */
    LEAVE("user leaves") {
        @Override
        void drive(Driver d) {
            d.activeSession(d.world.alice);
            d.leave(d.world.alice);
            d.awaitText("Voice session ended");
        }
    },

    /** The user never joins: reason {@code timeout} after the (short) join timeout. */
    TIMEOUT("join timeout") {
        @Override
        void drive(Driver d) {
            d.say(d.world.alice, "!voice");
            d.awaitText("Join <#");
            d.awaitText("Voice session ended", Duration.ofSeconds(30));
        }
    },

    /** A moderator ends the session: reason {@code admin_end}. */
    ADMIN_END("moderator ends it") {
        @Override
        void drive(Driver d) {
            d.activeSession(d.world.alice);
            d.say(d.world.moderator, "!voice end " + d.world.alice.userId());
            d.awaitText("Voice session ended");
        }
    },

    /** A moderator deletes the session's channel: reason {@code channel_deleted}. */
    CHANNEL_DELETED("moderator deletes the channel") {
        @Override
        void drive(Driver d) {
            d.activeSession(d.world.alice);
            Channel channel = d.channelOf(d.world.alice);
            d.world.control.moderatorDeletesChannel(channel.id());
            d.awaitText("Voice session ended");
        }
    },

    /** Alice has a session; bob's request waits in the queue and gets the slot when alice closes hers. */
    QUEUED("a request waits in the queue") {
        @Override
        void setup(Driver d) {
            d.activeSession(d.world.alice);
        }

        @Override
        void drive(Driver d) {
            d.say(d.world.bob, "!voice");
            d.awaitText("Voice request queued, position");
            d.at("queued behind a session");
            d.say(d.world.alice, "!voice close");
            d.awaitText("Join <#");
            d.at("next session waiting for its user");
        }
    },

    /** SIGTERM during an active session, then SIGKILL in the middle of the orderly shutdown. */
    SHUTDOWN("SIGTERM, then SIGKILL during shutdown") {
        @Override
        void setup(Driver d) {
            d.activeSession(d.world.alice);
        }

        @Override
        void drive(Driver d) {
            d.world.host.signalTerminate();
            d.awaitText("Voice session ended");
        }
    },

    /** A session left active by a crash; the restart's reconciliation is killed in turn. */
    RECONCILE_ORPHAN("reconciliation of an orphaned session") {
        @Override
        void setup(Driver d) {
            d.activeSession(d.world.alice);
            d.world.host.kill();
        }

        @Override
        void drive(Driver d) {
            d.world.launch(Map.of());
            d.awaitHostReady();
        }
    },

    /** A crash between the channel's creation and its recording; the restart's reconciliation is killed. */
    RECONCILE_CLAIM("reconciliation of a claim") {
        @Override
        void setup(Driver d) {
            RequestHold hold = d.world.emulator.faults()
                    .hold("POST", "guilds/{guild_id}/channels", RequestHold.Phase.AFTER);
            try {
                d.say(d.world.alice, "!voice");
                if (!hold.awaitArrival(Driver.STEP_TIMEOUT)) {
                    throw new IllegalStateException("The channel creation never reached the emulator");
                }
                d.world.host.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            } finally {
                hold.release();
            }
        }

        @Override
        void drive(Driver d) {
            d.world.launch(Map.of());
            d.awaitHostReady();
        }
    },

    /** The voice server refuses the bot: reason {@code connect_failed} after the connect timeout. */
    CONNECT_FAILED("the bot cannot connect to voice") {
        @Override
        void setup(Driver d) {
            d.world.control.setVoiceUnreachable(true);
        }

        @Override
        void drive(Driver d) {
            d.say(d.world.alice, "!voice");
            d.awaitText("could not join your voice channel", Duration.ofSeconds(30));
        }

        @Override
        void after(ProcessWorld world) {
            world.control.setVoiceUnreachable(false);
        }
    };

    private final String description;

    Scenario(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** Reaches the starting state, before the trigger is armed. */
    void setup(Driver d) {}

    /** Drives the scenario with the trigger armed. */
    abstract void drive(Driver d);

    /** Undoes what setup changed in the emulator, after the kill. */
    void after(ProcessWorld world) {}

    /** Tells whether a dispatch's data is about this user and whether the user is in a channel. */
    static Predicate<JsonNode> voiceState(long userId, boolean inChannel) {
        return data -> data.path("user_id").asText().equals(Long.toString(userId))
                && data.path("channel_id").isNull() != inChannel;
    }
}

package dev.voicesession.voice.reliability;

import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.emulator.core.DiscordException;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.voice.reliability.ReliabilityWorld.Space;
import dev.voicesession.voice.testing.StoredSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The promises, checked from the outside once the system has quiesced:
 *
 * <ol>
 *   <li>every channel the bot created (by the request log, never by name) that still exists belongs to an
 *       active session, and nobody but its user, the bot and the guild's administrators can see or join it;
 *   <li>every active session has its channel, the bot in that channel, and a held queue slot;
 *   <li>every held queue slot belongs to an active session, and nothing waits while a slot is free;
 *   <li>every {@code !voice} the test sent got exactly one reply, and its last text says what happened:
 *       the live channel, the end and its reason, why setup failed, or why the request was refused.
 * </ol>
 *
 * {@link #check(List)} returns the broken promises as sentences; an empty list means all hold.
 */
final class Invariants {

    /** A {@code !voice} a test sent, with the highest row id at that moment, so its own row can be found. */
    record Ask(Space space, Member member, long messageId, long rowWatermark, boolean primary, Instant sentAt) {
        @Override
        public String toString() {
            return "!voice of user '" + member.userId() + "' (message '" + messageId + "') in guild '" + space.id() + "'";
        }
    }

    private final ReliabilityWorld world;

    Invariants(ReliabilityWorld world) {
        this.world = world;
    }

    /** Sends {@code !voice} (or another voice command) as the member and returns the ask to check later. */
    Ask ask(Space space, Member member, String content, boolean primary) {
        long watermark = world.rows().stream().mapToLong(StoredSession::id).max().orElse(0);
        Instant sentAt = Instant.now();
        Message message = world.say(space, member, content);
        return new Ask(space, member, message.id(), watermark, primary, sentAt);
    }

    List<String> check(List<Ask> asks) {
        List<String> violations = new ArrayList<>();
        List<StoredSession> rows = world.rows();
        List<QueueEntry> entries = world.host.queue().entries();
        channels(rows, violations);
        sessions(rows, entries, violations);
        slots(rows, entries, violations);
        replies(asks, rows, violations);
        return violations;
    }

    private void channels(List<StoredSession> rows, List<String> violations) {
        for (long channelId : world.createdChannels()) {
            Optional<Channel> channel = world.channel(channelId);
            if (channel.isEmpty()) {
                continue;
            }
            Optional<StoredSession> owner = rows.stream().filter(r -> r.active() && r.channelId() == channelId).findFirst();
            if (owner.isEmpty()) {
                violations.add("channel '" + channelId + "' created by the bot exists without an active session");
                continue;
            }
            privacy(channel.get(), owner.get(), violations);
        }
    }

    /** Nobody but the session's user, the bot, the guild owner and administrators may view or connect. */
    private void privacy(Channel channel, StoredSession owner, List<String> violations) {
        Map<Long, Long> permissions;
        try {
            permissions = world.control.effectivePermissions(channel.id());
        } catch (DiscordException e) {
            return; // deleted since it was listed: nobody can join it any more
        }
        long guildOwner = world.control.guild(channel.guildId()).map(g -> g.ownerId()).orElse(0L);
        for (Map.Entry<Long, Long> entry : permissions.entrySet()) {
            long member = entry.getKey();
            long bits = entry.getValue();
            boolean allowed = member == owner.userId() || member == world.botId() || member == guildOwner
                    || (bits & ReliabilityWorld.ADMINISTRATOR) != 0;
            if (!allowed && (bits & (ReliabilityWorld.VIEW_CHANNEL | ReliabilityWorld.CONNECT)) != 0) {
                violations.add("member '" + member + "' can see or join channel '" + channel.id() + "' of user '"
                        + owner.userId() + "'");
            }
        }
    }

    private void sessions(List<StoredSession> rows, List<QueueEntry> entries, List<String> violations) {
        for (StoredSession row : rows) {
            if (!row.active()) {
                continue;
            }
            if (row.channelId() == 0) {
                violations.add("session row '" + row.id() + "' of user '" + row.userId() + "' is active without a channel");
                continue;
            }
            if (world.channel(row.channelId()).isEmpty()) {
                violations.add("session row '" + row.id() + "' is active but its channel '" + row.channelId() + "' is gone");
                continue;
            }
            Space space = spaceOf(row.guildId());
            if (space != null && !world.botInVoice(space, row.channelId())) {
                violations.add("session row '" + row.id() + "' is active but the bot is not in channel '"
                        + row.channelId() + "'");
            }
            boolean held = entries.stream().anyMatch(e -> e.state() == QueueEntry.State.ACTIVE
                    && e.userId() == row.userId() && e.guildId() == row.guildId());
            if (!held) {
                violations.add("session row '" + row.id() + "' is active without a held queue slot");
            }
        }
    }

    private void slots(List<StoredSession> rows, List<QueueEntry> entries, List<String> violations) {
        long active = 0;
        for (QueueEntry entry : entries) {
            if (entry.state() != QueueEntry.State.ACTIVE) {
                continue;
            }
            active++;
            boolean live = rows.stream().anyMatch(r -> r.active() && r.channelId() != 0
                    && r.userId() == entry.userId() && r.guildId() == entry.guildId()
                    && world.channel(r.channelId()).isPresent());
            if (!live) {
                violations.add("queue slot of request '" + entry.id() + "' (user '" + entry.userId()
                        + "') is held without a live session");
            }
        }
        long pending = entries.stream().filter(e -> e.state() == QueueEntry.State.PENDING).count();
        if (pending > 0 && active < world.host.queue().slots()) {
            violations.add(pending + " request(s) wait while " + (world.host.queue().slots() - active) + " slot(s) are free");
        }
    }

    private void replies(List<Ask> asks, List<StoredSession> rows, List<String> violations) {
        for (Ask ask : asks) {
            List<Long> ids = world.repliesTo(ask.messageId());
            List<Integer> failed = world.failedRepliesTo(ask.messageId());
            if (ids.isEmpty() && refusedByDiscord(failed)) {
                continue; // Discord refused the reply itself (a 4xx): nothing can be said; the queue dropped it
            }
            if (ids.isEmpty() && !ask.primary() && !failed.isEmpty()) {
                continue; // a duplicate's or cooldown's reply is sent once; Discord failed it
            }
            if (ids.isEmpty() && failed.isEmpty() && world.sessionLostNear(ask.sentAt())
                    && world.host.queue().findByUser(ask.member().userId()).isEmpty()) {
                continue; // sent as the gateway dropped without resume: lost on the way, as with Discord
            }
            if (ids.size() != 1) {
                violations.add(ask + " got " + ids.size() + " replies, not one");
                continue;
            }
            String text = world.control.message(ids.getFirst()).map(Message::content).orElse("");
            boolean alone = asks.stream().noneMatch(other -> other.messageId() > ask.messageId()
                    && other.member().userId() == ask.member().userId() && other.space().id() == ask.space().id());
            String problem = ask.primary() ? primaryProblem(ask, text, rows, alone) : secondaryProblem(text);
            if (problem != null && refusedByDiscord(List.of(world.lastEditStatus(ids.getFirst())))) {
                continue; // Discord refused the edit that would have said it (a 4xx): the bot tried
            }
            if (problem != null) {
                violations.add(ask + ": its reply reads '" + text + "', " + problem);
            }
        }
    }

    /** Whether the statuses include Discord refusing the request for good: a 4xx other than 429. */
    private static boolean refusedByDiscord(List<Integer> statuses) {
        return statuses.stream().anyMatch(status -> status / 100 == 4 && status != 429);
    }

    /**
     * The request's own outcome must be what the reply says. Its row is one written after the ask; when the
     * same user sent more commands (a spammer), a later one may have started a session of its own once the
     * first ended, so the reply must match one of the rows written since, or say why none was.
     */
    private static String primaryProblem(Ask ask, String text, List<StoredSession> rows, boolean alone) {
        List<StoredSession> since = rows.stream()
                .filter(r -> r.id() > ask.rowWatermark() && r.userId() == ask.member().userId()
                        && r.guildId() == ask.space().id())
                .toList();
        long channel = Texts.liveChannel(text);
        if (channel != 0) {
            return since.stream().anyMatch(r -> r.active() && r.channelId() == channel)
                    ? null : "but no active session has channel '" + channel + "'";
        }
        var ended = Texts.ENDED.matcher(text);
        if (ended.matches()) {
            return since.stream().anyMatch(r -> !r.active() && ended.group(1).equals(Texts.REASONS.get(r.endReason())))
                    ? null : "but no session ended that way: " + describe(since);
        }
        if (Texts.any(Texts.SETUP_FAILED, text)) {
            // Its own row, if setup got that far, is the first; a failure before the claim leaves none, and then
            // a row can only come from a later command of the same user.
            boolean failedFirst = since.isEmpty() || (!since.getFirst().active()
                    && List.of("create_failed", "connect_failed", "disabled").contains(since.getFirst().endReason()));
            return failedFirst || (!alone && since.stream().noneMatch(StoredSession::active))
                    ? null : "a setup failure, but the sessions are " + describe(since);
        }
        if (Texts.any(Texts.REFUSED, text)) {
            return null;
        }
        return "which does not say what happened (sessions since: " + describe(since) + ")";
    }

    private static String describe(List<StoredSession> rows) {
        return rows.isEmpty() ? "none" : rows.stream()
                .map(r -> "row " + r.id() + " " + (r.active() ? "active" : "ended '" + r.endReason() + "'"))
                .toList().toString();
    }

    private static String secondaryProblem(String text) {
        return Texts.isFinal(text) || Texts.liveChannel(text) != 0 || Texts.QUEUED.matcher(text).matches()
                ? null : "which is not a text the user can act on";
    }

    private Space spaceOf(long guildId) {
        return world.spaces.stream().filter(s -> s.id() == guildId).findFirst().orElse(null);
    }
}

package dev.voicesession.emulator.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A message with its full edit history.
 *
 * @param id snowflake id
 * @param channelId channel it was posted in
 * @param guildId guild of the channel
 * @param authorId author user id
 * @param type Discord message type (0 default, 19 reply, 20 slash command reply)
 * @param content current content
 * @param embeds current embeds array
 * @param components current components array
 * @param flags message flags (64 ephemeral, 128 loading)
 * @param timestamp when posted
 * @param editedTimestamp when last edited, or {@code null}
 * @param interactionId the interaction this message answers, or {@code null}
 * @param history every version, oldest first; the last equals the current content
 * @param deleted whether the message was deleted
 * @param referencedMessageId the message this one replies to (type 19), or {@code null}
 */
public record Message(
        long id,
        long channelId,
        long guildId,
        long authorId,
        int type,
        String content,
        JsonNode embeds,
        JsonNode components,
        int flags,
        Instant timestamp,
        Instant editedTimestamp,
        Long interactionId,
        List<MessageRevision> history,
        boolean deleted,
        Long referencedMessageId) {

    /** Creates a message, copying the history. */
    public Message {
        history = List.copyOf(history);
    }

    /** The content of every version, oldest first. */
    public List<String> contentHistory() {
        return history.stream().map(MessageRevision::content).toList();
    }

    /** Returns this message after an edit at {@code at}. */
    public Message edited(String newContent, JsonNode newEmbeds, JsonNode newComponents, int newFlags, Instant at) {
        List<MessageRevision> revisions = new ArrayList<>(history);
        revisions.add(new MessageRevision(newContent, newEmbeds, newComponents, at));
        return new Message(id, channelId, guildId, authorId, type, newContent, newEmbeds, newComponents, newFlags,
                timestamp, at, interactionId, revisions, deleted, referencedMessageId);
    }

    /** Returns this message marked deleted. */
    public Message asDeleted() {
        return new Message(id, channelId, guildId, authorId, type, content, embeds, components, flags, timestamp,
                editedTimestamp, interactionId, history, true, referencedMessageId);
    }
}

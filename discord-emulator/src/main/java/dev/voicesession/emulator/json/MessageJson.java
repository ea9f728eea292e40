package dev.voicesession.emulator.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.core.EmulatorState;
import dev.voicesession.emulator.model.Interaction;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.model.User;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders messages (and their content-less form for sessions without MESSAGE_CONTENT). */
public final class MessageJson {
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d+)>");

    private final EmulatorState state;
    private final EntityJson entities;

    /** Creates a renderer over the given state. */
    public MessageJson(EmulatorState state, EntityJson entities) {
        this.state = state;
        this.entities = entities;
    }

    /** A message object; {@code withMember} adds the author's partial member, as gateway events do. */
    public ObjectNode message(Message message, boolean withMember) {
        ObjectNode json = plain(message, withMember);
        if (message.referencedMessageId() != null) {
            ObjectNode reference = json.putObject("message_reference");
            reference.put("type", 0);
            reference.put("channel_id", Json.id(message.channelId()));
            reference.put("message_id", Json.id(message.referencedMessageId()));
            if (message.guildId() != 0) {
                reference.put("guild_id", Json.id(message.guildId()));
            }
            // Null once the referenced message is deleted, as Discord documents.
            Message referenced = state.message(message.referencedMessageId()).filter(m -> !m.deleted()).orElse(null);
            json.set("referenced_message", referenced == null ? NullNode.getInstance() : plain(referenced, false));
        }
        return json;
    }

    private ObjectNode plain(Message message, boolean withMember) {
        ObjectNode json = Json.object();
        json.put("id", Json.id(message.id()));
        json.put("type", message.type());
        json.put("channel_id", Json.id(message.channelId()));
        if (message.guildId() != 0) {
            json.put("guild_id", Json.id(message.guildId())); // direct messages have none
        }
        User author = state.user(message.authorId()).orElseThrow();
        json.set("author", entities.user(author));
        if (state.isWebhook(author.id())) {
            json.put("webhook_id", Json.id(author.id()));
        }
        if (withMember) {
            state.member(message.guildId(), author.id()).ifPresent(m -> json.set("member", partialMember(m)));
        }
        json.put("content", message.content());
        json.put("timestamp", Json.time(message.timestamp()));
        if (message.editedTimestamp() == null) {
            json.putNull("edited_timestamp");
        } else {
            json.put("edited_timestamp", Json.time(message.editedTimestamp()));
        }
        json.put("tts", false);
        json.put("mention_everyone", false);
        ArrayNode mentions = json.putArray("mentions");
        for (long userId : mentionedUsers(message.content())) {
            state.user(userId).ifPresent(u -> mentions.add(entities.user(u)));
        }
        json.putArray("mention_roles");
        json.putArray("attachments");
        json.set("embeds", message.embeds() == null ? Json.array() : message.embeds().deepCopy());
        json.set("components", message.components() == null ? Json.array() : message.components().deepCopy());
        json.putArray("reactions");
        json.put("pinned", false);
        json.put("flags", message.flags());
        if (message.interactionId() != null) {
            json.put("webhook_id", Json.id(state.bot().id()));
            json.put("application_id", Json.id(state.bot().id()));
            state.interaction(message.interactionId()).ifPresent(i -> json.set("interaction_metadata", metadata(i)));
        }
        return json;
    }

    /** The same message with content, embeds, attachments and components emptied. */
    public ObjectNode withoutContent(ObjectNode message) {
        ObjectNode copy = message.deepCopy();
        empty(copy);
        // A replied-to message keeps its content only where it would itself: the bot's own, or mentioning it.
        if (copy.get("referenced_message") instanceof ObjectNode referenced) {
            String botId = Json.id(state.bot().id());
            boolean keeps = botId.equals(referenced.path("author").path("id").asText())
                    || mentions(referenced.path("content").asText(), state.bot().id());
            if (!keeps) {
                empty(referenced);
            }
        }
        return copy;
    }

    private static void empty(ObjectNode message) {
        message.put("content", "");
        message.putArray("embeds");
        message.putArray("attachments");
        message.putArray("components");
    }

    /** Whether a message's content mentions the given user. */
    public static boolean mentions(String content, long userId) {
        return mentionedUsers(content).contains(userId);
    }

    private static Set<Long> mentionedUsers(String content) {
        Set<Long> ids = new LinkedHashSet<>();
        if (content == null) {
            return ids;
        }
        Matcher matcher = USER_MENTION.matcher(content);
        while (matcher.find()) {
            ids.add(Long.parseUnsignedLong(matcher.group(1)));
        }
        return ids;
    }

    private ObjectNode partialMember(Member member) {
        ObjectNode json = entities.member(member);
        json.remove("user");
        return json;
    }

    private ObjectNode metadata(Interaction interaction) {
        ObjectNode json = Json.object();
        json.put("id", Json.id(interaction.id()));
        json.put("type", 2);
        json.set("user", entities.user(state.user(interaction.userId()).orElseThrow()));
        ObjectNode owners = json.putObject("authorizing_integration_owners");
        owners.put("0", Json.id(interaction.guildId()));
        if (interaction.originalMessageId() != null) {
            json.put("original_response_message_id", Json.id(interaction.originalMessageId()));
        }
        return json;
    }
}

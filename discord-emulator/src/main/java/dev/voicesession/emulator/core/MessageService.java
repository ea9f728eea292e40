package dev.voicesession.emulator.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.json.MessageJson;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.model.MessageRevision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Messages posted by the bot (REST), by simulated users (control API) and by interaction responses. */
public final class MessageService {
    /** Message flag of an ephemeral message, never dispatched. */
    public static final int EPHEMERAL = 1 << 6;
    /** Message type REPLY. */
    public static final int REPLY = 19;
    /** Message flag of a deferred reply ("thinking"). */
    public static final int LOADING = 1 << 7;
    /** How long an enforced nonce is remembered ("the past few minutes", Discord says). */
    static final Duration NONCE_WINDOW = Duration.ofMinutes(5);
    private static final int NONCES_KEPT = 10_000;

    private final EmulatorState state;
    private final MessageJson json;
    private final EventSink events;
    private final Access access;
    /** The bot's recent messages by their enforced nonce, oldest first, at most {@link #NONCES_KEPT}. */
    private final Map<String, Long> nonces = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > NONCES_KEPT;
        }
    };

    /** Creates the service. */
    public MessageService(EmulatorState state, MessageJson json, EventSink events, Access access) {
        this.state = state;
        this.json = json;
        this.events = events;
        this.access = access;
    }

    /**
     * {@code POST channels/{id}/messages} by the bot. With {@code enforce_nonce} and a {@code nonce} that a
     * message of the bot's carried in the last {@link #NONCE_WINDOW}, that message is returned and no new one is
     * created, as Discord does (JDA sends both on every message, so its retry after a time-out is answered with
     * the message its first attempt created).
     */
    public Message botSends(long channelId, JsonNode body) {
        synchronized (state) {
            boolean direct = state.directRecipient(channelId).isPresent();
            Channel channel = direct ? null : access.visibleChannel(channelId);
            if (channel != null && !channel.type().isMessage()) {
                throw new DiscordException(403, 50008, "Cannot send messages in a non-text channel");
            }
            if (channel != null) {
                access.requireChannel(channel, Permissions.SEND_MESSAGES);
            }
            String nonce = body.path("enforce_nonce").asBoolean(false) ? body.path("nonce").asText("") : "";
            if (!nonce.isEmpty()) {
                Long earlier = nonces.get(nonce);
                Message first = earlier == null ? null : state.message(earlier).orElse(null);
                if (first != null && !first.deleted() && first.timestamp().isAfter(Instant.now().minus(NONCE_WINDOW))) {
                    return first;
                }
            }
            Message message = direct ? postDirect(channelId, state.bot().id(), body)
                    : post(channel, state.bot().id(), 0, body, null, false);
            if (!nonce.isEmpty()) {
                nonces.put(nonce, message.id());
            }
            return message;
        }
    }

    /** A simulated user posts a message; dispatches MESSAGE_CREATE. */
    public Message userSends(long channelId, long userId, String content) {
        synchronized (state) {
            Channel channel = state.channel(channelId).orElseThrow(DiscordException::unknownChannel);
            if (state.member(channel.guildId(), userId).isEmpty()) {
                throw DiscordException.unknownMember();
            }
            return post(channel, userId, 0, Json.object().put("content", content), null, false);
        }
    }

    /**
     * A user sends the bot a direct message (MESSAGE_CREATE without {@code guild_id}, to sessions with the
     * DIRECT_MESSAGES intent); the channel is created on first use.
     */
    public Message userSendsDirect(long userId, String content) {
        synchronized (state) {
            state.user(userId).orElseThrow(DiscordException::unknownUser);
            return postDirect(state.directChannel(userId), userId, Json.object().put("content", content));
        }
    }

    /** A webhook posts in a guild channel: the message's author is the webhook and it carries {@code webhook_id}. */
    public Message webhookSends(long channelId, long webhookUserId, String content) {
        synchronized (state) {
            Channel channel = state.channel(channelId).orElseThrow(DiscordException::unknownChannel);
            if (!state.isWebhook(webhookUserId)) {
                throw new IllegalArgumentException("User '" + webhookUserId + "' is not a webhook");
            }
            return post(channel, webhookUserId, 0, Json.object().put("content", content), null, false);
        }
    }

    private Message postDirect(long channelId, long authorId, JsonNode body) {
        String content = body.path("content").asText("");
        JsonNode embeds = MessageParts.embeds(body);
        JsonNode components = MessageParts.components(body);
        if (content.isEmpty() && embeds.isEmpty() && components.isEmpty()) {
            throw new DiscordException(400, 50006, "Cannot send an empty message");
        }
        Long replyTo = repliedTo(channelId, body);
        Instant now = Instant.now();
        Message message = new Message(state.ids().next(), channelId, 0, authorId, replyTo == null ? 0 : REPLY,
                content, embeds, components, body.path("flags").asInt(0), now, null, null,
                List.of(new MessageRevision(content, embeds, components, now)), false, replyTo);
        state.putMessage(message);
        dispatch("MESSAGE_CREATE", message);
        return message;
    }

    /** Posts a message authored by {@code authorId} and dispatches MESSAGE_CREATE (only observed if ephemeral). */
    Message post(Channel channel, long authorId, int type, JsonNode body, Long interactionId, boolean allowEmpty) {
        String content = body.path("content").asText("");
        JsonNode embeds = MessageParts.embeds(body);
        JsonNode components = MessageParts.components(body);
        if (!allowEmpty && content.isEmpty() && embeds.isEmpty() && components.isEmpty()) {
            throw new DiscordException(400, 50006, "Cannot send an empty message");
        }
        Long replyTo = type == 0 ? repliedTo(channel.id(), body) : null;
        if (replyTo != null && !Permissions.has(access.effective(authorId, channel), Permissions.READ_MESSAGE_HISTORY)) {
            throw new DiscordException(403, 160002, "Cannot reply without permission to read message history");
        }
        int flags = body.path("flags").asInt(0);
        Instant now = Instant.now();
        Message message = new Message(state.ids().next(), channel.id(), channel.guildId(), authorId,
                replyTo == null ? type : REPLY, content, embeds, components, flags, now, null, interactionId,
                List.of(new MessageRevision(content, embeds, components, now)), false, replyTo);
        state.putMessage(message);
        state.putChannel(channel.withLastMessageId(message.id()));
        dispatch("MESSAGE_CREATE", message);
        return message;
    }

    /** {@code PATCH channels/{c}/messages/{m}} by the bot: only its own messages. */
    public Message botEdits(long channelId, long messageId, JsonNode body) {
        synchronized (state) {
            if (state.directRecipient(channelId).isEmpty()) {
                access.visibleChannel(channelId);
            }
            Message message = existing(channelId, messageId);
            if (message.authorId() != state.bot().id()) {
                throw new DiscordException(403, 50005, "Cannot edit a message authored by another user");
            }
            return edit(message, body);
        }
    }

    /** Applies an edit and dispatches MESSAGE_UPDATE (only observed if ephemeral). */
    Message edit(Message message, JsonNode body) {
        String content = body.has("content") && !body.get("content").isNull()
                ? body.get("content").asText() : message.content();
        JsonNode embeds = body.has("embeds") ? MessageParts.embeds(body) : message.embeds();
        JsonNode components = body.has("components") ? MessageParts.components(body) : message.components();
        int flags = (message.flags() & ~LOADING) | (body.path("flags").asInt(0) & ~LOADING);
        Message updated = message.edited(content, embeds, components, flags, Instant.now());
        state.putMessage(updated);
        dispatch("MESSAGE_UPDATE", updated);
        return updated;
    }

    /** {@code DELETE channels/{c}/messages/{m}} by the bot: its own, or any with MANAGE_MESSAGES. */
    public void botDeletes(long channelId, long messageId) {
        synchronized (state) {
            boolean direct = state.directRecipient(channelId).isPresent();
            Channel channel = direct ? null : access.visibleChannel(channelId);
            Message message = existing(channelId, messageId);
            if (message.authorId() != state.bot().id()) {
                if (direct) {
                    throw new DiscordException(403, 50003, "Cannot execute action on a DM channel");
                }
                access.requireChannel(channel, Permissions.MANAGE_MESSAGES);
            }
            delete(message);
        }
    }

    /** Marks a message deleted and dispatches MESSAGE_DELETE. */
    void delete(Message message) {
        state.putMessage(message.asDeleted());
        ObjectNode payload = Json.object();
        payload.put("id", Json.id(message.id()));
        payload.put("channel_id", Json.id(message.channelId()));
        boolean direct = message.guildId() == 0;
        if (!direct) {
            payload.put("guild_id", Json.id(message.guildId())); // direct messages have none
        }
        events.dispatch(GatewayEvent.of("MESSAGE_DELETE", message.guildId(),
                direct ? Intents.DIRECT_MESSAGES : Intents.GUILD_MESSAGES, payload));
    }

    /** {@code GET channels/{c}/messages/{m}}. */
    public Message botReads(long channelId, long messageId) {
        synchronized (state) {
            if (state.directRecipient(channelId).isPresent()) {
                return existing(channelId, messageId);
            }
            Channel channel = access.visibleChannel(channelId);
            if (!Permissions.has(access.botIn(channel), Permissions.READ_MESSAGE_HISTORY)) {
                throw DiscordException.missingAccess();
            }
            return existing(channelId, messageId);
        }
    }

    /**
     * {@code GET channels/{c}/messages}: at most {@code limit} messages, newest first, either the newest, those just
     * before {@code before}, those just after {@code after}, or those around {@code around} (half before, the
     * message itself and the rest after), as Get Channel Messages documents.
     */
    public List<Message> botLists(long channelId, int limit, Long before, Long after, Long around) {
        synchronized (state) {
            if (state.directRecipient(channelId).isEmpty()) {
                Channel channel = access.visibleChannel(channelId);
                if (!Permissions.has(access.botIn(channel), Permissions.READ_MESSAGE_HISTORY)) {
                    return List.of();
                }
            }
            int max = Math.clamp(limit, 1, 100);
            List<Message> live = state.messages(channelId).stream().filter(m -> !m.deleted()).toList();
            Comparator<Message> newestFirst = Comparator.comparingLong(Message::id).reversed();
            if (around != null) {
                List<Message> result = new ArrayList<>(live.stream()
                        .filter(m -> m.id() > around).sorted(Comparator.comparingLong(Message::id))
                        .limit(max / 2).toList());
                result.addAll(live.stream().filter(m -> m.id() <= around).sorted(newestFirst)
                        .limit(max - result.size()).toList());
                return result.stream().sorted(newestFirst).toList();
            }
            if (after != null) {
                return live.stream().filter(m -> m.id() > after).sorted(Comparator.comparingLong(Message::id))
                        .limit(max).sorted(newestFirst).toList();
            }
            return live.stream().filter(m -> before == null || m.id() < before).sorted(newestFirst).limit(max)
                    .toList();
        }
    }

    private Message existing(long channelId, long messageId) {
        return state.message(messageId)
                .filter(m -> m.channelId() == channelId && !m.deleted())
                .orElseThrow(DiscordException::unknownMessage);
    }

    /** Ephemeral messages are never dispatched: only observers (the web console) hear of them. */
    private void dispatch(String type, Message message) {
        ObjectNode full = json.message(message, true);
        boolean keepsContent = message.authorId() == state.bot().id()
                || MessageJson.mentions(message.content(), state.bot().id());
        ObjectNode redacted = keepsContent ? null : json.withoutContent(full);
        boolean direct = message.guildId() == 0;
        GatewayEvent event = new GatewayEvent(type, message.guildId(),
                direct ? Intents.DIRECT_MESSAGES : Intents.GUILD_MESSAGES, full, direct ? null : redacted);
        if ((message.flags() & EPHEMERAL) != 0) {
            events.observe(event);
        } else {
            events.dispatch(event);
        }
    }

    /**
     * The message a new message replies to, from its {@code message_reference} (type absent or 0, DEFAULT), or
     * {@code null} for a plain message. A reference to a message that does not exist in the channel is refused
     * with 50035 unless {@code fail_if_not_exists} is false, when the message is sent as a plain one (Discord's
     * "Create Message" and "Message Reference" documentation).
     */
    private Long repliedTo(long channelId, JsonNode body) {
        JsonNode reference = body.get("message_reference");
        if (reference == null || reference.isNull() || reference.path("type").asInt(0) != 0) {
            return null;
        }
        Long messageId = Json.optId(reference, "message_id");
        Long referenceChannel = Json.optId(reference, "channel_id");
        Message referenced = messageId == null ? null : state.message(messageId)
                .filter(m -> !m.deleted() && m.channelId() == channelId)
                .filter(m -> referenceChannel == null || referenceChannel == channelId)
                .orElse(null);
        if (referenced != null) {
            return referenced.id();
        }
        if (!reference.path("fail_if_not_exists").asBoolean(true)) {
            return null;
        }
        throw DiscordException.invalidFormBody("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                "Unknown message");
    }
}

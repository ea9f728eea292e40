package dev.voicesession.emulator.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.json.InteractionJson;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.json.MessageJson;
import dev.voicesession.emulator.model.ApplicationCommand;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Interaction;
import dev.voicesession.emulator.model.InteractionResponse;
import dev.voicesession.emulator.model.InteractionResponse.Kind;
import dev.voicesession.emulator.model.Message;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Slash commands run by simulated users and everything the bot answers: the interaction callback,
 * edits of {@code @original}, follow-ups. Every answer is recorded on the {@link Interaction}.
 */
public final class InteractionService {
    /** CHAT_INPUT_COMMAND message type of a slash command reply. */
    static final int REPLY_MESSAGE_TYPE = 20;

    private final EmulatorState state;
    private final InteractionJson json;
    private final MessageJson messageJson;
    private final EventSink events;
    private final Access access;
    private final MessageService messages;
    private final SecureRandom random = new SecureRandom();

    /** Creates the service. */
    public InteractionService(EmulatorState state, InteractionJson json, MessageJson messageJson, EventSink events,
            Access access, MessageService messages) {
        this.state = state;
        this.json = json;
        this.messageJson = messageJson;
        this.events = events;
        this.access = access;
        this.messages = messages;
    }

    /**
     * A simulated user runs a slash command; dispatches INTERACTION_CREATE. {@code command} may name a
     * subcommand after a space ({@code "voice join"}). Guild commands win over global ones of the same name.
     */
    public Interaction userRunsSlashCommand(long guildId, long channelId, long userId, String command,
            Map<String, ?> options) {
        synchronized (state) {
            String[] parts = command.trim().split("\\s+", 2);
            ApplicationCommand definition = find(guildId, parts[0]);
            Channel channel = state.channel(channelId).filter(c -> c.guildId() == guildId)
                    .orElseThrow(DiscordException::unknownChannel);
            if (state.member(guildId, userId).isEmpty()) {
                throw DiscordException.unknownMember();
            }
            String subcommand = parts.length > 1 ? parts[1] : null;
            Interaction interaction = new Interaction(state.ids().next(), newToken(), guildId, channelId, userId,
                    definition.name(), json.options(definition, subcommand, options), null, List.of());
            state.putInteraction(interaction);
            ObjectNode payload = json.interactionCreate(interaction, definition, access.botIn(channel),
                    access.effective(userId, channel));
            events.dispatch(GatewayEvent.of("INTERACTION_CREATE", guildId, Intents.NONE, payload));
            return interaction;
        }
    }

    private ApplicationCommand find(long guildId, String name) {
        return state.commands(guildId).stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .or(() -> state.commands(null).stream().filter(c -> c.name().equals(name)).findFirst())
                .orElseThrow(() -> new IllegalArgumentException(
                        "No command '" + name + "' is registered for guild '" + guildId + "' or globally"));
    }

    /** {@code POST interactions/{id}/{token}/callback}; returns the with_response body. */
    public ObjectNode callback(long interactionId, String token, JsonNode body) {
        synchronized (state) {
            Interaction interaction = state.interaction(interactionId)
                    .filter(i -> i.token().equals(token))
                    .orElseThrow(DiscordException::unknownInteraction);
            if (interaction.acknowledged()) {
                throw new DiscordException(400, 40060, "Interaction has already been acknowledged.");
            }
            int type = body.path("type").asInt(-1);
            JsonNode data = body.path("data");
            Channel channel = state.channel(interaction.channelId()).orElseThrow(DiscordException::unknownChannel);
            Message message = switch (type) {
                case 4 -> messages.post(channel, state.bot().id(), REPLY_MESSAGE_TYPE, data, interaction.id(), false);
                case 5 -> messages.post(channel, state.bot().id(), REPLY_MESSAGE_TYPE,
                        Json.object().put("flags", MessageService.LOADING | (data.path("flags").asInt(0)
                                & MessageService.EPHEMERAL)), interaction.id(), true);
                case 1, 6 -> null;
                default -> throw DiscordException.invalidFormBody("type", "BASE_TYPE_CHOICES",
                        "Value must be one of {1, 4, 5, 6}.");
            };
            Long messageId = message == null ? null : message.id();
            record(interaction, new InteractionResponse(Kind.CALLBACK, type, messageId, body.deepCopy(),
                    Instant.now()), messageId);
            ObjectNode messageBody = message == null ? null : messageJson.message(message, false);
            boolean loading = type == 5;
            boolean ephemeral = message != null && (message.flags() & MessageService.EPHEMERAL) != 0;
            return json.callbackResponse(interaction, type, messageBody, loading, ephemeral);
        }
    }

    /** {@code PATCH webhooks/{app}/{token}/messages/{id or @original}}. */
    public Message editResponse(String token, String messageRef, JsonNode body) {
        synchronized (state) {
            Interaction interaction = byToken(token);
            Message target = target(interaction, messageRef);
            Message updated = messages.edit(target, body);
            Kind kind = isOriginal(interaction, target) ? Kind.EDIT_ORIGINAL : Kind.EDIT_FOLLOWUP;
            record(interaction, new InteractionResponse(kind, 0, updated.id(), body.deepCopy(), Instant.now()), null);
            return updated;
        }
    }

    /** {@code POST webhooks/{app}/{token}}: a follow-up message. */
    public Message followUp(String token, JsonNode body) {
        synchronized (state) {
            Interaction interaction = byToken(token);
            if (!interaction.acknowledged()) {
                throw new DiscordException(404, 10015, "Unknown Webhook");
            }
            Channel channel = state.channel(interaction.channelId()).orElseThrow(DiscordException::unknownChannel);
            Message message = messages.post(channel, state.bot().id(), 0, body, interaction.id(), false);
            record(interaction, new InteractionResponse(Kind.FOLLOWUP, 0, message.id(), body.deepCopy(),
                    Instant.now()), null);
            return message;
        }
    }

    /** {@code GET webhooks/{app}/{token}/messages/{id or @original}}. */
    public Message readResponse(String token, String messageRef) {
        synchronized (state) {
            return target(byToken(token), messageRef);
        }
    }

    /** {@code DELETE webhooks/{app}/{token}/messages/{id or @original}}. */
    public void deleteResponse(String token, String messageRef) {
        synchronized (state) {
            Interaction interaction = byToken(token);
            Message target = target(interaction, messageRef);
            messages.delete(target);
            record(interaction, new InteractionResponse(Kind.DELETE, 0, target.id(), Json.object(), Instant.now()),
                    null);
        }
    }

    private Interaction byToken(String token) {
        return state.interactionByToken(token).orElseThrow(() -> new DiscordException(404, 10015, "Unknown Webhook"));
    }

    private Message target(Interaction interaction, String messageRef) {
        Long id;
        try {
            id = "@original".equals(messageRef) ? interaction.originalMessageId() : Long.parseUnsignedLong(messageRef);
        } catch (NumberFormatException e) {
            throw DiscordException.unknownMessage();
        }
        if (id == null) {
            throw DiscordException.unknownMessage();
        }
        return state.message(id)
                .filter(m -> !m.deleted() && interaction.id() == (m.interactionId() == null ? -1 : m.interactionId()))
                .orElseThrow(DiscordException::unknownMessage);
    }

    private static boolean isOriginal(Interaction interaction, Message message) {
        return interaction.originalMessageId() != null && interaction.originalMessageId() == message.id();
    }

    private void record(Interaction interaction, InteractionResponse response, Long originalMessageId) {
        Interaction current = state.interaction(interaction.id()).orElse(interaction);
        state.putInteraction(current.withResponse(response, originalMessageId));
    }

    private String newToken() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        return "aW50ZXJhY3Rpb246" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

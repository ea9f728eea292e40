package dev.voicesession.emulator.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A slash command run by a simulated user, with everything the bot answered.
 *
 * @param id snowflake id
 * @param token interaction token
 * @param guildId guild it was run in
 * @param channelId channel it was run in
 * @param userId user who ran it
 * @param commandName command name
 * @param options the options array as sent in INTERACTION_CREATE
 * @param originalMessageId the message created by the initial response, or {@code null}
 * @param responses every call the bot made for it, in order
 */
public record Interaction(
        long id,
        String token,
        long guildId,
        long channelId,
        long userId,
        String commandName,
        JsonNode options,
        Long originalMessageId,
        List<InteractionResponse> responses) {

    /** Creates an interaction, copying the responses. */
    public Interaction {
        responses = List.copyOf(responses);
    }

    /** Whether the bot has acknowledged the interaction. */
    public boolean acknowledged() {
        return responses.stream().anyMatch(r -> r.kind() == InteractionResponse.Kind.CALLBACK);
    }

    /** Returns this interaction with one more response and an optional original message id. */
    public Interaction withResponse(InteractionResponse response, Long newOriginalMessageId) {
        List<InteractionResponse> all = new ArrayList<>(responses);
        all.add(response);
        return new Interaction(id, token, guildId, channelId, userId, commandName, options,
                newOriginalMessageId != null ? newOriginalMessageId : originalMessageId, all);
    }
}

package dev.voicesession.emulator.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One thing the bot sent in answer to an interaction.
 *
 * @param kind what kind of call it was
 * @param callbackType the interaction callback type for {@link Kind#CALLBACK}, else 0
 * @param messageId the message created or edited, or {@code null}
 * @param body the request body as sent
 * @param at when it was received
 */
public record InteractionResponse(Kind kind, int callbackType, Long messageId, JsonNode body, Instant at) {

    /** The calls a bot can make for an interaction. */
    public enum Kind {
        /** {@code POST interactions/{id}/{token}/callback}. */
        CALLBACK,
        /** {@code PATCH webhooks/{app}/{token}/messages/@original}. */
        EDIT_ORIGINAL,
        /** {@code POST webhooks/{app}/{token}}. */
        FOLLOWUP,
        /** {@code PATCH webhooks/{app}/{token}/messages/{id}} for a follow-up. */
        EDIT_FOLLOWUP,
        /** {@code DELETE webhooks/{app}/{token}/messages/...}. */
        DELETE
    }
}

package dev.voicesession.emulator.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A dispatch to send to the bot's gateway sessions.
 *
 * @param type event name, e.g. {@code MESSAGE_CREATE}
 * @param guildId guild the event belongs to (used for shard routing), 0 for none
 * @param intent intent a session needs to receive it, {@link Intents#NONE} for none
 * @param data the event data
 * @param withoutContent the data a session without {@code MESSAGE_CONTENT} receives, or {@code null} if
 *     the same for everyone
 */
public record GatewayEvent(String type, long guildId, int intent, ObjectNode data, ObjectNode withoutContent) {

    /** An event that every session with the intent receives unchanged. */
    public static GatewayEvent of(String type, long guildId, int intent, ObjectNode data) {
        return new GatewayEvent(type, guildId, intent, data, null);
    }
}

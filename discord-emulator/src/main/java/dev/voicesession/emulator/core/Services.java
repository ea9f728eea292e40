package dev.voicesession.emulator.core;

import dev.voicesession.emulator.json.EntityJson;
import dev.voicesession.emulator.json.InteractionJson;
import dev.voicesession.emulator.json.MessageJson;

/**
 * Everything the REST routes, the gateway and the control API work on, wired once.
 *
 * @param state the state
 * @param entities entity renderer
 * @param messageJson message renderer
 * @param access permission checks
 * @param guilds guild service
 * @param channels channel service
 * @param messages message service
 * @param voice voice service
 * @param commands command service
 * @param interactions interaction service
 */
public record Services(
        EmulatorState state,
        EntityJson entities,
        MessageJson messageJson,
        Access access,
        GuildService guilds,
        ChannelService channels,
        MessageService messages,
        VoiceService voice,
        CommandService commands,
        InteractionService interactions) {

    /** Wires all services over one state, event sink and voice backend. */
    public static Services create(EmulatorState state, EventSink events, VoiceBackend voiceBackend) {
        EntityJson entities = new EntityJson(state);
        MessageJson messageJson = new MessageJson(state, entities);
        Access access = new Access(state);
        VoiceService voice = new VoiceService(state, entities, events, access, voiceBackend);
        MessageService messages = new MessageService(state, messageJson, events, access);
        return new Services(state, entities, messageJson, access, new GuildService(state, entities, events),
                new ChannelService(state, entities, events, access, voice), messages, voice,
                new CommandService(state, access),
                new InteractionService(state, new InteractionJson(state, entities), messageJson, events, access,
                        messages));
    }
}

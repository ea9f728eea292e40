package dev.voicesession.emulator.core;

/** Gateway intent bits the emulator honours. */
public final class Intents {
    /** Guild, channel and role events. */
    public static final int GUILDS = 1;
    /** Member add, update and remove; privileged. */
    public static final int GUILD_MEMBERS = 1 << 1;
    /** VOICE_STATE_UPDATE. */
    public static final int GUILD_VOICE_STATES = 1 << 7;
    /** Message events in guilds. */
    public static final int GUILD_MESSAGES = 1 << 9;
    /** Messages in direct message channels. */
    public static final int DIRECT_MESSAGES = 1 << 12;
    /** Message content, embeds, attachments and components in message events; privileged. */
    public static final int MESSAGE_CONTENT = 1 << 15;
    /** Presence updates; privileged. */
    public static final int GUILD_PRESENCES = 1 << 8;
    /** The intents an application must have switched on in the developer portal to use. */
    public static final int PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT;
    /** No intent needed. */
    public static final int NONE = 0;

    private Intents() {}
}

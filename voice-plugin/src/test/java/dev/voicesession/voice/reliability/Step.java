package dev.voicesession.voice.reliability;

/**
 * The steps of creating and cleaning up a session: the matrix's rows. A step either is a REST request
 * (its method and route template as in the emulator's request log), or has none, in which case only
 * faults that do not depend on a request (gateway, voice, database) apply to it.
 */
enum Step {
    /** {@code POST guilds/{guild_id}/channels}: the private channel is created. */
    CHANNEL_CREATE("channel create", "POST", "guilds/{guild_id}/channels", true),
    /**
     * The three permission overwrites. They travel in the create request's body (the plugin makes no
     * separate overwrite call), so REST faults on them are the create request's; the overwrite-specific
     * fault is Discord refusing an overwrite bit the bot lost after the plugin checked its permissions.
     */
    OVERWRITE("overwrite", "POST", "guilds/{guild_id}/channels", true),
    /** The bot joins the channel: gateway op 4, VOICE_SERVER_UPDATE, the voice websocket. No REST request. */
    VOICE_JOIN("voice join", null, null, true),
    /** {@code POST channels/{channel_id}/messages}: the status message (the reply to {@code !voice}). */
    STATUS_REPLY("status message (send)", "POST", "channels/{channel_id}/messages", true),
    /**
     * {@code PATCH channels/{channel_id}/messages/{message_id}}: the status message's edits. Injected at
     * cleanup, where the edit that fails is the last word: "Voice session ended: ...".
     */
    STATUS_EDIT("status message (edit)", "PATCH", "channels/{channel_id}/messages/{message_id}", false),
    /** {@code GET channels/{channel_id}}: the plugin checks a channel it no longer sees in its cache. */
    CHANNEL_FETCH("channel fetch", "GET", "channels/{channel_id}", false),
    /** {@code DELETE channels/{channel_id}}: the channel is deleted at cleanup. */
    CHANNEL_DELETE("channel delete", "DELETE", "channels/{channel_id}", false),
    /** The bot leaves voice at cleanup: gateway op 4 with no channel. No REST request. */
    VOICE_LEAVE("voice leave", null, null, false),
    /** The claim row is written (and later updated). Not REST: faults are a failing write and a held lock. */
    DATABASE_WRITE("database write", null, null, true);

    private final String label;
    private final String method;
    private final String route;
    private final boolean setup;

    Step(String label, String method, String route, boolean setup) {
        this.label = label;
        this.method = method;
        this.route = route;
        this.setup = setup;
    }

    String label() {
        return label;
    }

    String method() {
        return method;
    }

    String route() {
        return route;
    }

    /** Whether the step belongs to setting a session up (else to cleaning it up). */
    boolean setup() {
        return setup;
    }

    boolean isRest() {
        return route != null;
    }

    /**
     * Whether the fault can be injected at this step. REST faults need a REST request; on the overwrite,
     * which shares the create request, only the overwrite refusal (403/50013) is its own. The database
     * write takes a write error (for 500) and a lock held past the busy timeout (for latency).
     */
    boolean applies(FaultKind fault) {
        if (!fault.isRest()) {
            return this != OVERWRITE;
        }
        return switch (this) {
            case OVERWRITE -> fault == FaultKind.FORBIDDEN_50013;
            case DATABASE_WRITE -> fault == FaultKind.HTTP_500 || fault == FaultKind.LATENCY;
            case VOICE_JOIN, VOICE_LEAVE -> false;
            default -> true;
        };
    }
}

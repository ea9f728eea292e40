package dev.voicesession.emulator;

import dev.voicesession.emulator.core.VoiceBackend;
import dev.voicesession.emulator.voice.VoiceServer;

/** Connects the gateway's voice needs to the emulated {@link VoiceServer}. */
final class VoiceServerBackend implements VoiceBackend {
    private final VoiceServer server;

    VoiceServerBackend(VoiceServer server) {
        this.server = server;
    }

    /**
     * The endpoint with its {@code wss://} scheme: JDA 6 parses the endpoint as a URI before it prefixes
     * the scheme, and a bare {@code 127.0.0.1:port} is not a valid URI (a scheme cannot start with a digit).
     */
    @Override
    public String endpoint() {
        String endpoint = server.endpoint();
        return Character.isLetter(endpoint.charAt(0)) ? endpoint : "wss://" + endpoint;
    }

    @Override
    public String authorize(long guildId, long userId, String sessionId, long channelId) {
        return server.authorize(guildId, userId, sessionId, channelId);
    }

    @Override
    public void revoke(long guildId, long userId) {
        server.revoke(guildId, userId);
    }

    @Override
    public void setUnreachable(boolean unreachable) {
        server.setUnreachable(unreachable);
    }

    @Override
    public void close() {
        server.close();
    }
}

package dev.voicesession.emulator.voice;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * A snapshot of one bot's voice connection as the emulated voice server sees it.
 *
 * @param guildId the guild (voice {@code server_id})
 * @param userId the bot's user id, or 0 when no connection was ever authorized for the guild
 * @param channelId the voice channel the connection was authorized for, or 0
 * @param state where the connection stands
 * @param ssrc the RTP synchronization source assigned in READY, or 0 before IDENTIFY
 * @param encryptionMode the transport encryption mode the bot selected, or {@code null} before SELECT_PROTOCOL
 * @param maxDaveProtocolVersion the {@code max_dave_protocol_version} the bot announced in IDENTIFY, or -1
 * @param udpAddress the bot's UDP address as learned from IP discovery or SELECT_PROTOCOL, or {@code null}
 * @param udpPacketsReceived RTP (audio) packets received from the bot for this ssrc
 * @param udpBytesReceived bytes of those RTP packets
 * @param udpKeepAlivesReceived UDP keep-alive packets received from the bot's UDP address
 * @param heartbeats voice websocket heartbeats received
 * @param lastHeartbeat when the last heartbeat arrived, or {@code null}
 * @param lastSeqAck the last {@code seq_ack} the bot sent in a heartbeat or RESUME, or -1
 * @param speaking the last speaking flags the bot sent (op 5), or 0
 * @param resumes successful RESUMEs of this session
 * @param lastCloseCode the close code of the last websocket close, or 0 while none closed
 */
public record VoiceConnectionInfo(
        long guildId,
        long userId,
        long channelId,
        VoiceConnectionState state,
        int ssrc,
        String encryptionMode,
        int maxDaveProtocolVersion,
        InetSocketAddress udpAddress,
        long udpPacketsReceived,
        long udpBytesReceived,
        long udpKeepAlivesReceived,
        long heartbeats,
        Instant lastHeartbeat,
        long lastSeqAck,
        int speaking,
        int resumes,
        int lastCloseCode) {

    /**
     * The snapshot of a guild for which no voice connection is known.
     *
     * @param guildId the guild
     * @return a connection in state {@link VoiceConnectionState#NONE} with every counter at zero
     */
    public static VoiceConnectionInfo none(long guildId) {
        return new VoiceConnectionInfo(
                guildId, 0, 0, VoiceConnectionState.NONE, 0, null, -1, null, 0, 0, 0, 0, null, -1, 0, 0, 0);
    }
}

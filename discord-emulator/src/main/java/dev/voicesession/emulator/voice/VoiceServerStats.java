package dev.voicesession.emulator.voice;

/**
 * Counters of everything a {@link VoiceServer} received since it started, for the emulator's request log.
 *
 * @param websocketsOpened voice websockets that completed the handshake
 * @param websocketsRejected voice websocket handshakes refused because the server was set unreachable
 * @param identifies IDENTIFY payloads accepted
 * @param authenticationFailures IDENTIFY or RESUME payloads refused (close code 4004 or 4006)
 * @param resumes RESUME payloads accepted
 * @param heartbeats heartbeats received
 * @param ipDiscoveries IP discovery requests answered
 * @param rtpPackets RTP packets received for a known ssrc
 * @param udpKeepAlives UDP keep-alive packets received
 * @param udpUnmatched UDP packets that matched no session (unknown ssrc or unknown kind)
 * @param udpDropped UDP packets dropped because the server was set unreachable
 * @param daveMessages DAVE / MLS messages (opcodes 21-31) received and ignored
 */
public record VoiceServerStats(
        long websocketsOpened,
        long websocketsRejected,
        long identifies,
        long authenticationFailures,
        long resumes,
        long heartbeats,
        long ipDiscoveries,
        long rtpPackets,
        long udpKeepAlives,
        long udpUnmatched,
        long udpDropped,
        long daveMessages) {}

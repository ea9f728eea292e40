package dev.voicesession.emulator.voice;

import java.util.concurrent.atomic.AtomicLong;

/** The server-wide counters behind {@link VoiceServerStats}. */
final class VoiceCounters {
    final AtomicLong websocketsOpened = new AtomicLong();
    final AtomicLong websocketsRejected = new AtomicLong();
    final AtomicLong identifies = new AtomicLong();
    final AtomicLong authenticationFailures = new AtomicLong();
    final AtomicLong resumes = new AtomicLong();
    final AtomicLong heartbeats = new AtomicLong();
    final AtomicLong ipDiscoveries = new AtomicLong();
    final AtomicLong rtpPackets = new AtomicLong();
    final AtomicLong udpKeepAlives = new AtomicLong();
    final AtomicLong udpUnmatched = new AtomicLong();
    final AtomicLong udpDropped = new AtomicLong();
    final AtomicLong daveMessages = new AtomicLong();

    VoiceServerStats snapshot() {
        return new VoiceServerStats(
                websocketsOpened.get(),
                websocketsRejected.get(),
                identifies.get(),
                authenticationFailures.get(),
                resumes.get(),
                heartbeats.get(),
                ipDiscoveries.get(),
                rtpPackets.get(),
                udpKeepAlives.get(),
                udpUnmatched.get(),
                udpDropped.get(),
                daveMessages.get());
    }
}

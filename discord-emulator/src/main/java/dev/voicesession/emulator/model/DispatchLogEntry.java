package dev.voicesession.emulator.model;

import java.time.Instant;

/**
 * One gateway dispatch (op 0) the emulator sent, or buffered for replay, to one gateway session.
 *
 * @param timestamp when it was sent (wall clock)
 * @param nanoTime {@link System#nanoTime()} just before the payload was handed to the connection: monotonic,
 *     comparable with {@link RequestLogEntry#arrivedNanos()} (and, on Linux, with {@code System.nanoTime()} of
 *     other processes on the machine)
 * @param sessionId the gateway session it went to
 * @param sequence its sequence number in that session ({@code s}, JDA's response number)
 * @param type event name, e.g. {@code MESSAGE_CREATE}
 * @param guildId guild the event belongs to, 0 for none
 * @param data the event data as sent (JSON)
 */
public record DispatchLogEntry(
        Instant timestamp, long nanoTime, String sessionId, int sequence, String type, long guildId, String data) {}

package dev.voicesession.emulator.model;

import java.time.Instant;

/**
 * One REST request the emulator answered.
 *
 * @param timestamp when it arrived (wall clock)
 * @param method HTTP method
 * @param route route template, e.g. {@code channels/{channel_id}/messages}, or the path if unknown
 * @param path the concrete path below {@code /api/v10/}
 * @param status HTTP status returned
 * @param requestBody request body (JSON or {@code payload_json}), empty if none
 * @param responseBody response body, empty if none
 * @param arrivedNanos {@link System#nanoTime()} when the handler got the request: monotonic, for measuring
 *     intervals against other entries and {@link DispatchLogEntry#nanoTime()} (on Linux it is the system-wide
 *     monotonic clock, so it also compares with {@code System.nanoTime()} of other processes on the machine)
 * @param completedNanos {@link System#nanoTime()} when the response was ready to be written
 */
public record RequestLogEntry(
        Instant timestamp, String method, String route, String path, int status, String requestBody,
        String responseBody, long arrivedNanos, long completedNanos) {

    /** How long the emulator took to answer, in nanoseconds (injected latency included). */
    public long serviceNanos() {
        return completedNanos - arrivedNanos;
    }
}

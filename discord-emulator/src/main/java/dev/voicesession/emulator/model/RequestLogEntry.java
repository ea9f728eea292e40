package dev.voicesession.emulator.model;

import java.time.Instant;

/**
 * One REST request the emulator answered.
 *
 * @param timestamp when it arrived
 * @param method HTTP method
 * @param route route template, e.g. {@code channels/{channel_id}/messages}, or the path if unknown
 * @param path the concrete path below {@code /api/v10/}
 * @param status HTTP status returned
 * @param requestBody request body (JSON or {@code payload_json}), empty if none
 * @param responseBody response body, empty if none
 */
public record RequestLogEntry(
        Instant timestamp, String method, String route, String path, int status, String requestBody,
        String responseBody) {}

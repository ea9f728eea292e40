package dev.voicesession.voice.reliability;

/** The faults of the matrix: its columns. */
enum FaultKind {
    HTTP_500("HTTP 500", 500, 0),
    HTTP_502("HTTP 502", 502, 0),
    RATE_LIMIT_429("429, retry_after 4 s", 429, 0),
    FORBIDDEN_50013("403 / 50013", 403, 50013),
    UNKNOWN_CHANNEL_10003("404 / 10003", 404, 10003),
    LATENCY("latency 2.5 s", 0, 0),
    GATEWAY_RESUME("gateway drop, resumable", 0, 0),
    GATEWAY_NEW_SESSION("gateway drop, not resumable", 0, 0),
    VOICE_UNREACHABLE("voice server unreachable", 0, 0);

    private final String label;
    private final int status;
    private final int code;

    FaultKind(String label, int status, int code) {
        this.label = label;
        this.status = status;
        this.code = code;
    }

    String label() {
        return label;
    }

    /** The HTTP status of an injected error response, or 0 for faults that are not one. */
    int status() {
        return status;
    }

    /** Discord's JSON error code of an injected error response. */
    int code() {
        return code;
    }

    /** Whether the fault is an error response to a REST request (500, 502, 403, 404). */
    boolean isErrorResponse() {
        return this == HTTP_500 || this == HTTP_502 || this == FORBIDDEN_50013 || this == UNKNOWN_CHANNEL_10003;
    }

    /** Whether the fault happens to a REST request (an error response, a 429 or a slow answer). */
    boolean isRest() {
        return isErrorResponse() || this == RATE_LIMIT_429 || this == LATENCY;
    }
}

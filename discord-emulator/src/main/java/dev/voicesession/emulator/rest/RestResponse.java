package dev.voicesession.emulator.rest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a route handler returns.
 *
 * @param status HTTP status
 * @param body JSON body or {@code null} for none (204)
 */
public record RestResponse(int status, JsonNode body) {

    /** 200 with a body. */
    public static RestResponse ok(JsonNode body) {
        return new RestResponse(200, body);
    }

    /** 201 with a body. */
    public static RestResponse created(JsonNode body) {
        return new RestResponse(201, body);
    }

    /** 204 without a body. */
    public static RestResponse noContent() {
        return new RestResponse(204, null);
    }
}

package dev.voicesession.emulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.core.DiscordException;
import java.util.Map;

/**
 * A parsed REST request.
 *
 * @param method HTTP method
 * @param path path below {@code /api/v10/}
 * @param params values of the route template's parameters
 * @param query query parameters (first value of each)
 * @param body JSON body (or {@code payload_json}), an empty object if none
 */
public record RestRequest(String method, String path, Map<String, String> params, Map<String, String> query,
        JsonNode body) {

    /** A snowflake path parameter; 404 with {@code unknown} if it is not a number. */
    public long id(String name, DiscordException unknown) {
        try {
            return Long.parseUnsignedLong(params.get(name));
        } catch (NumberFormatException e) {
            throw unknown;
        }
    }

    /** A string path parameter. */
    public String param(String name) {
        return params.get(name);
    }
}

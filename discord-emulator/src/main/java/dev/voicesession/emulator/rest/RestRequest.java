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

    /**
     * An integer query parameter within {@code [min, max]}, or {@code fallback} if absent; 400 50035 (Invalid
     * Form Body, as Discord answers) if it is not a number or out of range.
     */
    public int intQuery(String name, int fallback, int min, int max) {
        String value = query.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw DiscordException.invalidFormBody(name, "NUMBER_TYPE_MAX",
                        "Int value should be between " + min + " and " + max + ".");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw DiscordException.invalidFormBody(name, "NUMBER_TYPE_COERCE", "Value \"" + value
                    + "\" is not int.");
        }
    }

    /** A snowflake query parameter, or {@code null} if absent; 400 50035 if it is not a snowflake. */
    public Long idQuery(String name) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(value.trim());
        } catch (NumberFormatException e) {
            throw DiscordException.invalidFormBody(name, "NUMBER_TYPE_COERCE", "Value \"" + value
                    + "\" is not snowflake.");
        }
    }

    /** A string path parameter. */
    public String param(String name) {
        return params.get(name);
    }
}

package dev.voicesession.emulator.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.json.Json;

/**
 * A Discord API error: HTTP status, JSON error code and message, and for 50035 the {@code errors} tree.
 * Thrown by the services and turned into the response body {@code {"code": ..., "message": ...}}.
 */
public final class DiscordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int code;
    private final transient ObjectNode errors;

    /** Creates an error with the given status, Discord code and message. */
    public DiscordException(int status, int code, String message) {
        this(status, code, message, null);
    }

    /** Creates an error carrying a field error tree (for 50035 Invalid Form Body). */
    public DiscordException(int status, int code, String message, ObjectNode errors) {
        super(message);
        this.status = status;
        this.code = code;
        this.errors = errors;
    }

    /** HTTP status. */
    public int status() {
        return status;
    }

    /** Discord JSON error code. */
    public int code() {
        return code;
    }

    /** The response body Discord sends for this error. */
    public ObjectNode body() {
        ObjectNode json = Json.object();
        json.put("message", getMessage());
        json.put("code", code);
        if (errors != null) {
            json.set("errors", errors);
        }
        return json;
    }

    /** 404 10003 Unknown Channel. */
    public static DiscordException unknownChannel() {
        return new DiscordException(404, 10003, "Unknown Channel");
    }

    /** 404 10004 Unknown Guild. */
    public static DiscordException unknownGuild() {
        return new DiscordException(404, 10004, "Unknown Guild");
    }

    /** 404 10007 Unknown Member. */
    public static DiscordException unknownMember() {
        return new DiscordException(404, 10007, "Unknown Member");
    }

    /** 404 10008 Unknown Message. */
    public static DiscordException unknownMessage() {
        return new DiscordException(404, 10008, "Unknown Message");
    }

    /** 404 10011 Unknown Role. */
    public static DiscordException unknownRole() {
        return new DiscordException(404, 10011, "Unknown Role");
    }

    /** 404 10013 Unknown User. */
    public static DiscordException unknownUser() {
        return new DiscordException(404, 10013, "Unknown User");
    }

    /** 404 10062 Unknown interaction. */
    public static DiscordException unknownInteraction() {
        return new DiscordException(404, 10062, "Unknown interaction");
    }

    /** 404 10063 Unknown application command. */
    public static DiscordException unknownCommand() {
        return new DiscordException(404, 10063, "Unknown application command");
    }

    /** 403 50001 Missing Access. */
    public static DiscordException missingAccess() {
        return new DiscordException(403, 50001, "Missing Access");
    }

    /** 403 50013 Missing Permissions. */
    public static DiscordException missingPermissions() {
        return new DiscordException(403, 50013, "Missing Permissions");
    }

    /** 401 0 Unauthorized. */
    public static DiscordException unauthorized() {
        return new DiscordException(401, 0, "401: Unauthorized");
    }

    /** 400 50035 Invalid Form Body with one field error. */
    public static DiscordException invalidFormBody(String field, String errorCode, String errorMessage) {
        ObjectNode errors = Json.object();
        ObjectNode error = errors.putObject(field).putArray("_errors").addObject();
        error.put("code", errorCode);
        error.put("message", errorMessage);
        return new DiscordException(400, 50035, "Invalid Form Body", errors);
    }
}

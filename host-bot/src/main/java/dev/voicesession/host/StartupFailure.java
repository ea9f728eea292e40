package dev.voicesession.host;

import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.db.DatabaseException;
import dev.voicesession.host.jda.GatewayClosedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.exceptions.PermissionException;
import net.dv8tion.jda.api.requests.CloseCode;
import net.dv8tion.jda.api.requests.ErrorResponse;

/**
 * Why the bot could not start, told as one short paragraph for a person: what went wrong, the likely
 * cause and what to do, with an exit status of its own so that a service manager can tell a network
 * problem (worth a retry) from a refused token (not worth one).
 *
 * @param kind what went wrong
 * @param paragraph the text for the console, a few lines without a stack trace
 */
public record StartupFailure(Kind kind, String paragraph) {

    /** What went wrong, with the process's exit status. */
    public enum Kind {
        /** Anything else, such as the database or the plugins directory: exit status 1. */
        OTHER(1),
        /** Discord (or {@code discord.restUrl}) could not be reached: exit status 3. */
        DISCORD_UNREACHABLE(3),
        /** Discord refused the bot token: exit status 4. */
        TOKEN_REFUSED(4),
        /** A privileged intent is not enabled in the developer portal (gateway close code 4014): exit status 5. */
        INTENT_NOT_ENABLED(5),
        /** The bot lacks a permission it needs at start: exit status 6. */
        MISSING_PERMISSION(6);

        private final int exitStatus;

        Kind(int exitStatus) {
            this.exitStatus = exitStatus;
        }

        /**
         * Returns the exit status of a start that failed this way.
         *
         * @return the status, documented in docs/getting-started.md
         */
        public int exitStatus() {
            return exitStatus;
        }
    }

    /**
     * Explains an error that stopped the start.
     *
     * @param error what the host threw
     * @param config the configuration it ran with, to name the file, the URL and the log file
     * @param tokenFromEnvironment whether the token came from {@code DISCORD_TOKEN} rather than the file
     * @return the explanation
     */
    public static StartupFailure of(Throwable error, HostConfig config, boolean tokenFromEnvironment) {
        String details = "Details: " + config.logging().file() + " (or run with --verbose).";
        String tokenPlace = tokenFromEnvironment ? "the environment variable DISCORD_TOKEN"
                : "discord.token in " + config.source();
        Optional<GatewayClosedException> closed = find(error, GatewayClosedException.class);
        if (closed.isPresent() && closed.get().closeCode() == CloseCode.DISALLOWED_INTENTS.getCode()) {
            return new StartupFailure(Kind.INTENT_NOT_ENABLED, String.join("\n",
                    "Cannot start the bot: Discord closed the connection with code 4014 (disallowed intents).",
                    "Likely cause: the bot asks for the privileged Message Content intent (to read prefix commands"
                            + " such as !voice), and it is not enabled for this application.",
                    "What to do: in the Discord developer portal (https://discord.com/developers/applications) open"
                            + " the application, then Bot, switch on 'Message Content Intent' under Privileged"
                            + " Gateway Intents, save, and start the bot again.",
                    details));
        }
        if (closed.isPresent() && closed.get().closeCode() == CloseCode.AUTHENTICATION_FAILED.getCode()
                || find(error, InvalidTokenException.class).isPresent()
                || errorResponse(error, response -> response.getErrorResponse() == ErrorResponse.UNAUTHORIZED
                        || response.getResponse() != null && response.getResponse().code == 401)) {
            return new StartupFailure(Kind.TOKEN_REFUSED, String.join("\n",
                    "Cannot start the bot: Discord refused the bot token (from " + tokenPlace + ").",
                    "Likely cause: the token is mistyped or incomplete, belongs to another application, or was"
                            + " reset in the developer portal.",
                    "What to do: in the Discord developer portal open the application, then Bot, Reset Token, and"
                            + " put the new token in " + tokenPlace + "; the token is the long value shown once"
                            + " after the reset, not the application id or the public key.",
                    details));
        }
        if (closed.isPresent()) {
            return new StartupFailure(Kind.OTHER, String.join("\n",
                    "Cannot start the bot: " + closed.get().getMessage() + ".",
                    "What to do: check discord.shards in " + config.source() + " and the application's settings in"
                            + " the Discord developer portal, then start the bot again.",
                    details));
        }
        Optional<String> missing = missingPermission(error);
        if (missing.isPresent()) {
            return new StartupFailure(Kind.MISSING_PERMISSION, String.join("\n",
                    "Cannot start the bot: Discord refused an action at start because the bot lacks a permission ("
                            + missing.get() + ").",
                    "Likely cause: the bot was invited without the permissions it needs, or its role was changed"
                            + " since; slash commands also need the applications.commands scope.",
                    "What to do: give the bot's role Manage Channels, View Channels, Send Messages, Connect, Speak"
                            + " and Move Members (Server Settings, Roles), or invite it again with them and the"
                            + " bot and applications.commands scopes; then start the bot again.",
                    details));
        }
        Optional<String> network = networkProblem(error);
        if (network.isPresent()) {
            return new StartupFailure(Kind.DISCORD_UNREACHABLE, String.join("\n",
                    "Cannot start the bot: Discord could not be reached at " + host(config) + " ("
                            + network.get() + ").",
                    "Likely cause: no network connection or no DNS on this machine, a firewall or proxy blocking"
                            + " HTTPS, or discord.restUrl / discord.gatewayUrl in " + config.source()
                            + " naming a server that is not running.",
                    "What to do: check the connection (for example: curl -sI " + config.discord().restUrl()
                            + "gateway), then start the bot again; this is worth a retry later.",
                    details));
        }
        String message = error instanceof DatabaseException || error instanceof HostStartException
                ? error.getMessage()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        return new StartupFailure(Kind.OTHER, String.join("\n",
                "Cannot start the bot: " + message,
                details));
    }

    private static Optional<String> networkProblem(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case UnknownHostException unknown -> {
                    return Optional.of("the host name does not resolve");
                }
                case NoRouteToHostException noRoute -> {
                    return Optional.of("no route to the server");
                }
                case ConnectException refused -> {
                    return Optional.of("the connection was refused");
                }
                case SocketTimeoutException timeout -> {
                    return Optional.of("the connection timed out");
                }
                case SSLException tls -> {
                    return Optional.of("the TLS handshake failed: " + tls.getMessage());
                }
                case TimeoutException timeout -> {
                    return Optional.of("not every shard connected within discord.readyTimeout");
                }
                default -> {
                    // look further down the chain
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> missingPermission(Throwable error) {
        Optional<PermissionException> local = find(error, PermissionException.class);
        if (local.isPresent()) {
            return Optional.of(local.get().getPermission().getName());
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ErrorResponseException response
                    && (response.getErrorResponse() == ErrorResponse.MISSING_PERMISSIONS
                            || response.getErrorResponse() == ErrorResponse.MISSING_ACCESS)) {
                return Optional.of("Discord error " + response.getErrorCode() + ": " + response.getMeaning());
            }
        }
        return Optional.empty();
    }

    private static boolean errorResponse(Throwable error, Function<ErrorResponseException, Boolean> test) {
        return find(error, ErrorResponseException.class).map(test).orElse(false);
    }

    private static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    private static String host(HostConfig config) {
        try {
            URI uri = URI.create(config.discord().restUrl());
            return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        } catch (IllegalArgumentException e) {
            return config.discord().restUrl();
        }
    }
}

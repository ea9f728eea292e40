package dev.voicesession.host.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How to reach a request's user again after a restart, by the command that asked for it: the user's
 * message for a prefix command (the status message is a reply to it), or the interaction of a slash
 * command (its status message is an interaction response, edited through the interaction's token while
 * Discord accepts it).
 */
public sealed interface CommandRef {

    /** No command known (a request submitted without one): a restart reaches the user with a new message. */
    CommandRef NONE = new None();

    /** No command known. */
    record None() implements CommandRef {}

    /**
     * A prefix command.
     *
     * @param messageId the user's message
     */
    record PrefixCommand(long messageId) implements CommandRef {}

    /**
     * A slash command. Its token is a credential: {@link #toString()} never shows it, and the host never
     * logs it.
     *
     * @param interactionId the interaction
     * @param token the interaction's token
     * @param expiresAt when Discord stops accepting the token (15 minutes after the interaction)
     */
    record SlashCommand(long interactionId, String token, Instant expiresAt) implements CommandRef {

        /** How long Discord accepts an interaction's token. */
        public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

        /** The token is not used this close to its end: a request sent then may arrive too late. */
        static final Duration MARGIN = Duration.ofMinutes(1);

        /** Checks the components. */
        public SlashCommand {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /**
         * Tells whether the token can still be used.
         *
         * @param now the time
         * @return {@code true} until {@link #MARGIN} before it expires
         */
        public boolean usableAt(Instant now) {
            return now.isBefore(expiresAt.minus(MARGIN));
        }

        @Override
        public String toString() {
            return "SlashCommand[interactionId=" + interactionId + ", token=***, expiresAt=" + expiresAt + "]";
        }
    }
}

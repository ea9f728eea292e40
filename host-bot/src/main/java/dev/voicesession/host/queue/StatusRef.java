package dev.voicesession.host.queue;

import dev.voicesession.api.command.StatusMessage;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a request's status message is, stored so that a restart can edit it again.
 *
 * @param kind how the message is edited
 * @param channelId its channel
 * @param messageId the message
 */
public record StatusRef(Kind kind, long channelId, long messageId) {

    /** How a status message is edited. */
    public enum Kind {
        /** A message in a channel, edited through the channel. */
        CHANNEL,
        /** A slash command's original response, edited through its token while valid, else the channel. */
        ORIGINAL,
        /** A slash command's follow-up message, edited as {@link #ORIGINAL} is. */
        FOLLOWUP;

        /**
         * Returns the value stored in the database.
         *
         * @return the kind in lower case
         */
        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Reads a stored value.
         *
         * @param column the stored value
         * @return the kind
         */
        public static Kind ofColumn(String column) {
            return valueOf(column.toUpperCase(Locale.ROOT));
        }
    }

    /** Checks the components. */
    public StatusRef {
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Describes a status message; one that does not tell its kind is taken for a channel message.
     *
     * @param status the message
     * @return its reference
     */
    public static StatusRef of(StatusMessage status) {
        return status instanceof ReferableStatus referable
                ? referable.statusRef()
                : new StatusRef(Kind.CHANNEL, status.channelId(), status.messageId());
    }
}

package dev.voicesession.host.command;

/** Tells the command prefix that applies where a message was sent. */
@FunctionalInterface
public interface PrefixRule {

    /**
     * Returns the prefix for a guild.
     *
     * @param guildId the guild, or 0 for a direct message
     * @return the prefix, never empty
     */
    String prefixFor(long guildId);
}

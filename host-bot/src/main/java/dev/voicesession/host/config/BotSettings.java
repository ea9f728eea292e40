package dev.voicesession.host.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code bot} section: how commands are written and who owns the bot.
 *
 * @param prefix the command prefix, {@code !} by default
 * @param owners the user ids allowed to run owner-only commands
 * @param guildPrefixes per-guild prefixes that replace {@link #prefix()}
 * @param shutdownDeadline how long JDA and the host's executors get to stop, after the shutdown
 *     participants ran
 * @param slashCommands where slash commands are registered
 */
public record BotSettings(
        String prefix,
        Set<Long> owners,
        Map<Long, String> guildPrefixes,
        Duration shutdownDeadline,
        SlashCommandMode slashCommands) {

    /** Copies the components. */
    public BotSettings {
        Objects.requireNonNull(prefix, "prefix");
        owners = Set.copyOf(owners);
        guildPrefixes = Map.copyOf(guildPrefixes);
        Objects.requireNonNull(shutdownDeadline, "shutdownDeadline");
        Objects.requireNonNull(slashCommands, "slashCommands");
    }

    /**
     * Returns the prefix that applies in a guild.
     *
     * @param guildId the guild, or 0 for a direct message
     * @return the guild's prefix, or the default one
     */
    public String prefixFor(long guildId) {
        return guildPrefixes.getOrDefault(guildId, prefix);
    }

    /** Where the host registers its slash commands. */
    public enum SlashCommandMode {
        /** Once, as global application commands. */
        GLOBAL,
        /** In every guild the bot is in, as guild commands (they appear at once). */
        GUILDS,
        /** Not at all; commands work with the prefix only. */
        OFF
    }
}

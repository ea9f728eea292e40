package dev.voicesession.voice.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The voice settings that apply in one guild, resolved from the plugin-wide values and the guild's
 * override section.
 *
 * @param guildId the guild
 * @param enabled whether voice sessions may run in the guild (master switch and guild switch)
 * @param joinTimeout how long the user has to join the channel once the bot is in it
 * @param maxSessionLength how long a session may last at most; {@link Duration#ZERO} for no limit
 * @param categoryId the category new channels go in, or 0 for the top of the channel list
 * @param channelNameTemplate the channel name template, see {@link ChannelNames}
 * @param connectTimeout how long the bot waits for its voice connection to reach CONNECTED
 * @param reconnectAttempts how many times the bot tries to get back into the channel after losing it
 */
public record GuildVoiceSettings(
        long guildId,
        boolean enabled,
        Duration joinTimeout,
        Duration maxSessionLength,
        long categoryId,
        String channelNameTemplate,
        Duration connectTimeout,
        int reconnectAttempts) {

    /** Checks the components. */
    public GuildVoiceSettings {
        Objects.requireNonNull(joinTimeout, "joinTimeout");
        Objects.requireNonNull(maxSessionLength, "maxSessionLength");
        Objects.requireNonNull(channelNameTemplate, "channelNameTemplate");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /**
     * Tells whether sessions have a maximum length.
     *
     * @return {@code true} unless the maximum length is zero
     */
    public boolean hasMaxSessionLength() {
        return !maxSessionLength.isZero();
    }
}

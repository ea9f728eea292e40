package dev.voicesession.voice.reconcile;

import dev.voicesession.voice.db.SessionRow;
import dev.voicesession.voice.discord.ChannelFacts;
import dev.voicesession.voice.discord.ChannelFacts.Overwrite;
import dev.voicesession.voice.discord.VoicePermissions;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether a voice channel is the one the plugin created for a claim row whose channel id was
 * never recorded (the process stopped between the create call and the update). Names are never
 * used. A channel matches a claim only if all of these hold:
 *
 * <ol>
 *   <li>its parent category is the claim's category (none for none);
 *   <li>it has exactly three permission overwrites: {@code @everyone} (the role whose id is the guild
 *       id) allowed nothing and denied exactly View Channel and Connect; the claim's user and the bot,
 *       each as a member, allowed exactly View Channel, Connect and Speak and denied nothing;
 *   <li>its creation time, read from its snowflake, lies in the claim's window: from {@link
 *       #CLOCK_SKEW} before the claim's {@code created_at} to the create time-out plus {@link
 *       #CLOCK_SKEW} after it.
 * </ol>
 *
 * The reconciler also skips channels any row already names and channels of live sessions.
 */
public final class OwnChannelRule {

    /** Allowed difference between the host's clock and Discord's. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final Duration createWindow;

    /**
     * Creates the rule.
     *
     * @param createTimeout how long the create call could have taken
     */
    public OwnChannelRule(Duration createTimeout) {
        this.createWindow = createTimeout.plus(CLOCK_SKEW);
    }

    /**
     * Tells whether {@code channel} is the channel created for {@code claim}.
     *
     * @param claim a claim row
     * @param channel a voice channel of the claim's guild
     * @param botId the bot's user id
     * @return {@code true} if every fact matches
     */
    public boolean matches(SessionRow claim, ChannelFacts channel, long botId) {
        return channel.categoryId() == claim.categoryId()
                && channel.overwrites().size() == 3
                && memberAllowed(channel.overwrites().get(claim.userId()))
                && memberAllowed(channel.overwrites().get(botId))
                && everyoneDenied(channel.overwrites().get(claim.guildId()))
                && inWindow(claim.createdAt(), channel.createdAt());
    }

    /**
     * Tells whether a channel for {@code claim} could still appear: its create request may have been
     * answered too late for the plugin but still be carried out by Discord until the window closes.
     *
     * @param claim a claim row
     * @param now the current time
     * @return {@code true} until the claim's window has closed
     */
    public boolean mayStillAppear(SessionRow claim, Instant now) {
        return claim.createdAt() != null && now.isBefore(claim.createdAt().plus(createWindow));
    }

    private static boolean memberAllowed(Overwrite overwrite) {
        return overwrite != null
                && overwrite.member()
                && overwrite.allow() == VoicePermissions.MEMBER_ALLOW
                && overwrite.deny() == 0;
    }

    private static boolean everyoneDenied(Overwrite overwrite) {
        return overwrite != null
                && !overwrite.member()
                && overwrite.allow() == 0
                && overwrite.deny() == VoicePermissions.EVERYONE_DENY;
    }

    private boolean inWindow(Instant claimedAt, Instant createdAt) {
        return claimedAt != null
                && !createdAt.isBefore(claimedAt.minus(CLOCK_SKEW))
                && !createdAt.isAfter(claimedAt.plus(createWindow));
    }
}

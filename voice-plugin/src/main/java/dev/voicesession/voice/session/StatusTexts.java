package dev.voicesession.voice.session;

import dev.voicesession.voice.discord.VoicePermissions;
import dev.voicesession.voice.model.EndReason;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.Permission;

/** What the user reads: status message texts and command replies. No text mentions a user or role. */
public final class StatusTexts {

    private StatusTexts() {}

    /** @return the pending status, for example {@code Voice request queued, position 2.} */
    public static String queued(int position) {
        return "Voice request queued, position " + position + ".";
    }

    /** @return the status while the channel is created */
    public static String creating() {
        return "Creating your voice channel...";
    }

    static String connecting(long channelId) {
        return "Channel " + channel(channelId) + " is ready; the bot is joining it...";
    }

    /**
     * The bot waits for its turn to join voice: Discord limits how many voice joins and leaves a bot sends per
     * minute, and other sessions took this minute's.
     */
    static String waitingForVoice(long channelId, int position, Optional<Duration> wait) {
        String when = wait.filter(w -> !w.isZero()).map(w -> " in about " + seconds(w)).orElse(" as soon as it can");
        return "Channel " + channel(channelId) + " is ready. Discord limits how often a bot may join voice channels,"
                + " so the bot joins it" + when + " (" + ordinal(position) + " in line); your session will not be"
                + " cancelled for this wait.";
    }

    private static String ordinal(int position) {
        int tens = position % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (position % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return position + suffix;
    }

    static String joinWithin(long channelId, Duration timeout) {
        return "Join " + channel(channelId) + " within " + seconds(timeout) + ".";
    }

    static String active(long channelId) {
        return "Voice session active in " + channel(channelId) + ". Leave the channel or use the close command to end it.";
    }

    /** @return the final text of a session that ended for {@code reason} */
    public static String ended(EndReason reason) {
        return "Voice session ended: " + reason.description() + ".";
    }

    /** @return the reply naming the missing permissions */
    public static String missingPermissions(Set<Permission> missing, String where) {
        return "I cannot create your voice channel: I am missing " + VoicePermissions.describe(missing) + " in "
                + where + ". Ask a server admin to grant " + (missing.size() == 1 ? "it" : "them") + ".";
    }

    static String databaseError() {
        return "Your voice session could not be started because of a database error. Nothing was created; please try"
                + " again later.";
    }

    static String createFailed() {
        return "Your voice channel could not be created. Please try again later.";
    }

    /** @return the reply when the configured category does not exist */
    public static String categoryMissing() {
        return "The voice category configured for this server does not exist. Ask a server admin to fix the voice"
                + " settings.";
    }

    static String connectFailed() {
        return "The bot could not join your voice channel, so the session was cancelled. Please try again later.";
    }

    /** @return the reply when voice sessions are off for the guild */
    public static String disabled() {
        return "Voice sessions are not enabled in this server.";
    }

    static String shuttingDown() {
        return "The bot is shutting down and cannot start a voice session now.";
    }

    static String guildBusy() {
        return "Another voice session is running in this server (the bot can be in one voice channel per server)."
                + " Please try again when it ends.";
    }

    /** @return the reply for a user who already has a session */
    public static String alreadyHasSession(VoiceSession session) {
        return switch (session.state()) {
            case CREATING -> "Your voice channel is being created.";
            case CLOSING, CLOSED -> "Your previous voice session is ending; try again in a moment.";
            default -> "You already have a voice session: " + channel(session.channelId()) + ".";
        };
    }

    /** @return a channel mention, which links to the channel and pings no one */
    public static String channel(long channelId) {
        return "<#" + Long.toUnsignedString(channelId) + ">";
    }

    /** @return a duration in whole seconds, for example {@code 60 s} */
    public static String seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000) + " s";
    }
}

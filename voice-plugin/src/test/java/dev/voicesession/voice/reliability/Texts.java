package dev.voicesession.voice.reliability;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the user can read in a status message or a command reply, sorted by what it tells them. The
 * invariants use it to decide whether the last text a user saw says what happened to their request.
 */
final class Texts {

    /** A session that runs: the channel to join, or that it is active. Group 1 is the channel id. */
    static final List<Pattern> LIVE = List.of(
            Pattern.compile("^Join <#(\\d+)> within \\d+ s\\.$"),
            Pattern.compile("^Voice session active in <#(\\d+)>\\..*"));

    /** The end of a session: group 1 is the reason's description. */
    static final Pattern ENDED = Pattern.compile("^Voice session ended: (.+)\\.$");

    /** Why a session could not be set up. */
    static final List<Pattern> SETUP_FAILED = List.of(
            Pattern.compile("^I cannot create your voice channel: I am missing .+"),
            Pattern.compile("^Your voice session could not be started because of a database error\\..*"),
            Pattern.compile("^Your voice channel could not be created\\. Please try again later\\.$"),
            Pattern.compile("^The voice category configured for this server does not exist\\..*"),
            Pattern.compile("^The bot could not join your voice channel, so the session was cancelled\\..*"),
            Pattern.compile("^Something went wrong while starting your voice request\\.$"));

    /** Why a request was not served at all: refusals, duplicates, cooldowns, cancellations. */
    static final List<Pattern> REFUSED = List.of(
            Pattern.compile("^Voice sessions are not enabled in this server\\.$"),
            Pattern.compile("^The bot is shutting down.*"),
            Pattern.compile("^Another voice session is running in this server.*"),
            Pattern.compile("^You already have a voice session.*"),
            Pattern.compile("^Your voice channel is being created\\.$"),
            Pattern.compile("^Your previous voice session is ending; try again in a moment\\.$"),
            Pattern.compile("^You already have a voice request in the queue, position \\d+\\.$"),
            Pattern.compile("^Your voice session is being set up\\.$"),
            Pattern.compile("^!voice is on cooldown for you; try again in .+\\.$"),
            Pattern.compile("^Your voice request was cancelled\\.$"));

    /** Waiting in the queue. */
    static final Pattern QUEUED = Pattern.compile("^Voice request queued, position (\\d+)\\.$");

    /** The description each end reason shows in "Voice session ended: ...". */
    static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("timeout", "you did not join in time"),
            Map.entry("user_left", "you left the channel"),
            Map.entry("closed", "you closed it"),
            Map.entry("admin_end", "a moderator ended it"),
            Map.entry("max_length", "it reached the maximum length"),
            Map.entry("channel_deleted", "the channel was deleted"),
            Map.entry("voice_lost", "the bot lost its voice connection"),
            Map.entry("connect_failed", "the bot could not join the channel"),
            Map.entry("bot_removed", "the bot was removed from the server"),
            Map.entry("shutdown", "the bot is shutting down"),
            Map.entry("orphan", "the bot restarted"),
            Map.entry("create_failed", "the channel could not be created"),
            Map.entry("disabled", "voice sessions are disabled here"));

    private Texts() {}

    static boolean any(List<Pattern> patterns, String text) {
        return patterns.stream().anyMatch(p -> p.matcher(text).matches());
    }

    /** The channel a live text names, or 0 if the text is not a live one. */
    static long liveChannel(String text) {
        for (Pattern pattern : LIVE) {
            var matcher = pattern.matcher(text);
            if (matcher.matches()) {
                return Long.parseUnsignedLong(matcher.group(1));
            }
        }
        return 0;
    }

    /** Whether the text is an end, a failure or a refusal: something that tells the user their request is over. */
    static boolean isFinal(String text) {
        return ENDED.matcher(text).matches() || any(SETUP_FAILED, text) || any(REFUSED, text);
    }
}

package dev.voicesession.voice.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds voice channel names from a template and sanitizes them to Discord's rules.
 *
 * <p>Placeholders: {@code {username}} (the user's name) and {@code {userid}} (the user's id). The
 * result keeps Discord's 1 to 100 characters: control and invisible format characters, mentions
 * ({@code <@id>}, {@code <#id>}, {@code @everyone}, {@code @here}, custom emoji) and the markdown
 * characters {@code * ~ ` | \ > #} and {@code @} are removed, runs of white space become one space,
 * and an empty result falls back to {@code Voice-<userid>}. The underscore is kept because many
 * usernames contain it and channel names do not render markdown.
 */
public final class ChannelNames {

    /** Discord's maximum channel name length, in characters. */
    public static final int MAX_LENGTH = 100;

    private static final Pattern MENTION = Pattern.compile("<(?:@[!&]?|#|a?:\\w*:)\\d*>");
    private static final Pattern EVERYONE = Pattern.compile("@(?:everyone|here)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORBIDDEN = Pattern.compile("[*~`|\\\\>#@]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ChannelNames() {}

    /**
     * Renders {@code template} for a user and sanitizes the result.
     *
     * @param template the template, for example {@code Voice-{username}}
     * @param username the user's name
     * @param userId the user's id
     * @return a valid channel name, never blank
     */
    public static String render(String template, String username, long userId) {
        Objects.requireNonNull(template, "template");
        String name = template.replace("{username}", sanitize(Objects.requireNonNullElse(username, "")))
                .replace("{userid}", Long.toString(userId));
        String clean = sanitize(name);
        return clean.isEmpty() ? "Voice-" + userId : clean;
    }

    /**
     * Removes what Discord does not allow or would render, and cuts to {@link #MAX_LENGTH}.
     *
     * @param raw any text
     * @return the sanitized text, possibly empty
     */
    public static String sanitize(String raw) {
        String text = MENTION.matcher(raw).replaceAll("");
        text = EVERYONE.matcher(text).replaceAll("");
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT)
                .forEach(cp -> kept.appendCodePoint(Character.isWhitespace(cp) ? ' ' : cp));
        text = FORBIDDEN.matcher(kept).replaceAll("");
        text = SPACES.matcher(text).replaceAll(" ").strip();
        return truncate(text);
    }

    private static String truncate(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_LENGTH)).strip();
    }
}

package dev.voicesession.host.config;

import java.util.regex.Pattern;

/**
 * Tells which configuration values may be secrets, so that no message or log line shows them: values of
 * keys whose name says secret (token, secret, password, key, in any case), values shaped like a Discord
 * bot token, and long random-looking values, which may be a secret put under the wrong key.
 */
public final class Secrets {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|secret|passw(or)?d|pwd|key|credential).*");
    private static final Pattern DISCORD_TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{20,}");
    private static final Pattern RANDOM_LOOKING = Pattern.compile("[A-Za-z0-9+=_.-]{24,}");

    private Secrets() {}

    /**
     * Tells whether a key's name says it holds a secret.
     *
     * @param key a full dotted key such as {@code database.password}
     * @return {@code true} if a part of the key contains token, secret, password, key or credential, in any
     *     case
     */
    public static boolean isSecretKey(String key) {
        for (String part : key.split("\\.")) {
            if (SECRET_NAME.matcher(part).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether a value looks like a secret whatever its key: a Discord bot token, or a run of 24 or
     * more letters and digits without spaces or slashes (an API key or password; not a path or URL).
     *
     * @param value the value as text
     * @return {@code true} if the value must not be shown
     */
    public static boolean looksSecret(String value) {
        String text = value.strip();
        if (DISCORD_TOKEN.matcher(text).matches()) {
            return true;
        }
        return RANDOM_LOOKING.matcher(text).matches()
                && text.chars().anyMatch(Character::isDigit)
                && text.chars().anyMatch(Character::isLetter);
    }

    /**
     * Tells whether a value must be hidden: its key names a secret or the value looks like one.
     *
     * @param key the full dotted key
     * @param value the value as text
     * @return {@code true} if the value must not be shown
     */
    public static boolean mayBeSecret(String key, String value) {
        return isSecretKey(key) || looksSecret(value);
    }
}

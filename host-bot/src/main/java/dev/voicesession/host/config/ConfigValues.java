package dev.voicesession.host.config;

import dev.voicesession.api.config.ConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses configuration text into typed values, with errors that name the source, the key and the fix.
 * Shared by the host's own settings and by {@link PluginConfigImpl}.
 */
public final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private ConfigValues() {}

    /**
     * Parses {@code true} or {@code false}, ignoring case.
     *
     * @param value the configured value
     * @return the boolean
     * @throws ConfigException if the text is neither
     */
    public static boolean parseBoolean(ConfigValue value) {
        String text = scalar(value, "true or false").strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(value, hasValue(value, value.asText()) + ", which is not a boolean; use true or false");
        };
    }

    /**
     * Parses a decimal integer.
     *
     * @param value the configured value
     * @return the integer
     * @throws ConfigException if the text is not an integer
     */
    public static int parseInt(ConfigValue value) {
        String text = scalar(value, "a whole number such as 2").strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(value, hasValue(value, text) + ", which is not a whole number; use digits, for example 2");
        }
    }

    /**
     * Parses a positive id such as a Discord snowflake.
     *
     * @param value the configured value
     * @return the id
     * @throws ConfigException if the text is not a positive integer
     */
    public static long parseId(ConfigValue value) {
        return parseId(value, scalar(value, "an id such as 123456789012345678"));
    }

    /**
     * Parses one positive id among a value's items.
     *
     * @param value the configured value, for the error message
     * @param text the item to parse
     * @return the id
     * @throws ConfigException if the text is not a positive integer
     */
    public static long parseId(ConfigValue value, String text) {
        try {
            long id = Long.parseLong(text.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below, which says how to write an id
        }
        throw error(
                value,
                hasValue(value, text) + ", which is not an id; use the numeric id (in Discord, enable Developer"
                        + " Mode and use Copy ID)");
    }

    /**
     * Parses a duration: seconds ({@code 60}), a number with a unit ({@code 500ms}, {@code 60s},
     * {@code 5m}, {@code 2h}, {@code 1d}) or ISO-8601 ({@code PT1M}).
     *
     * @param value the configured value
     * @return the duration, zero or positive
     * @throws ConfigException if the text is not a non-negative duration
     */
    public static Duration parseDuration(ConfigValue value) {
        String text = scalar(value, "a duration such as 60s").strip();
        Matcher matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            Duration duration = Duration.parse(text);
            if (!duration.isNegative()) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // falls through to the error below, which lists the accepted forms
        }
        throw error(
                value,
                hasValue(value, text) + ", which is not a duration; use seconds (60) or a number with a unit"
                        + " (500ms, 60s, 5m, 2h)");
    }

    /**
     * Returns the text of a scalar value.
     *
     * @param value the configured value
     * @param expected what the key expects, for the error message
     * @return the text
     * @throws ConfigException if the value is a list
     */
    public static String scalar(ConfigValue value, String expected) {
        if (value.isList()) {
            throw error(value, "is a list, but it takes a single value; use " + expected);
        }
        return value.text();
    }

    /**
     * Creates an error about {@code value}.
     *
     * @param value the faulty value
     * @param problem what is wrong and how to fix it
     * @return the exception, for the caller to throw
     */
    public static ConfigException error(ConfigValue value, String problem) {
        return new ConfigException(value.where(), value.key(), problem);
    }

    /**
     * Says what a faulty value is without showing a value that may be a secret (see {@link Secrets}).
     *
     * @param value the faulty value, for its key
     * @param text the faulty text (the value or one of its items)
     * @return {@code has value 'text'}, or a phrase that names no value when it may be a secret
     */
    public static String hasValue(ConfigValue value, String text) {
        return Secrets.mayBeSecret(value.key(), text)
                ? "has a value that is not shown (it may be a secret)"
                : "has value '" + text + "'";
    }
}

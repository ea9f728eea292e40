package dev.voicesession.host.config;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One configuration value after flattening: a scalar as text, or a list of scalars, with where it came
 * from so that an error can name the file or the environment variable.
 *
 * @param key the full dotted key, for example {@code plugins.voice.timeout}
 * @param text the scalar value, or {@code null} for a list
 * @param items the list value, or {@code null} for a scalar
 * @param source the file or environment variable the value came from
 * @param line the line of the file the key is on, or {@code 0} when unknown (an environment variable)
 */
public record ConfigValue(String key, String text, List<String> items, String source, int line) {

    /**
     * Checks that exactly one of {@code text} and {@code items} is set.
     *
     * @throws IllegalArgumentException if both or neither are set
     */
    public ConfigValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        if ((text == null) == (items == null)) {
            throw new IllegalArgumentException("config value '" + key + "' must be either text or a list");
        }
        items = items == null ? null : List.copyOf(items);
    }

    /**
     * Creates a scalar value.
     *
     * @param key the full dotted key
     * @param text the value as text
     * @param source where it came from
     * @return the value
     */
    public static ConfigValue scalar(String key, String text, String source) {
        return new ConfigValue(key, text, null, source, 0);
    }

    /**
     * Creates a scalar value read from a line of a file.
     *
     * @param key the full dotted key
     * @param text the value as text
     * @param source the file
     * @param line the line the key is on
     * @return the value
     */
    public static ConfigValue scalar(String key, String text, String source, int line) {
        return new ConfigValue(key, text, null, source, line);
    }

    /**
     * Creates a list value.
     *
     * @param key the full dotted key
     * @param items the values as text
     * @param source where it came from
     * @return the value
     */
    public static ConfigValue list(String key, List<String> items, String source) {
        return new ConfigValue(key, null, items, source, 0);
    }

    /**
     * Creates a list value read from a line of a file.
     *
     * @param key the full dotted key
     * @param items the values as text
     * @param source the file
     * @param line the line the key is on
     * @return the value
     */
    public static ConfigValue list(String key, List<String> items, String source, int line) {
        return new ConfigValue(key, null, items, source, line);
    }

    /**
     * Returns where the value came from, for messages: the file and line, or the environment variable.
     *
     * @return for example {@code config/bot.yml, line 12}
     */
    public String where() {
        return line > 0 ? source + ", line " + line : source;
    }

    /**
     * Tells whether this value is a list.
     *
     * @return {@code true} for a list
     */
    public boolean isList() {
        return items != null;
    }

    /**
     * Returns the value as a list: a list as is, a scalar as a comma-separated list.
     *
     * @return the items, trimmed, without empty ones
     */
    public List<String> asList() {
        if (items != null) {
            return items;
        }
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    /**
     * Returns the value as text: a scalar as is, a list joined with commas.
     *
     * @return the text
     */
    public String asText() {
        return text != null ? text : String.join(",", items);
    }

    /**
     * Hides values that are or may be secrets (see {@link Secrets}) so that a value can be logged safely.
     *
     * @return the key, where it came from, and the value unless it may be a secret
     */
    @Override
    public String toString() {
        String shown = Secrets.mayBeSecret(key, asText()) ? "***" : asText();
        return key + "=" + shown + " (" + where() + ")";
    }
}

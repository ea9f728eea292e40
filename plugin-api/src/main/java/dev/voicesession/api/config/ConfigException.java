package dev.voicesession.api.config;

import java.io.Serial;

/**
 * A configuration value is missing or malformed.
 *
 * <p>The message names the file, the key and how to fix it, for example: {@code config/bot.yml: key
 * 'plugins.voice.timeout' has value 'soon', which is not a duration; use seconds (60) or a number
 * with a unit (60s, 5m)}.
 */
public class ConfigException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String key;

    /**
     * Creates the exception.
     *
     * @param source the file (or environment variable) the value came from
     * @param key the full dotted key
     * @param problem what is wrong and how to fix it
     */
    public ConfigException(String source, String key, String problem) {
        super(source + ": key '" + key + "': " + problem);
        this.source = source;
        this.key = key;
    }

    /**
     * Returns where the faulty value came from.
     *
     * @return a file path or an environment variable name
     */
    public String source() {
        return source;
    }

    /**
     * Returns the full dotted key of the faulty value.
     *
     * @return the key
     */
    public String key() {
        return key;
    }
}

package dev.voicesession.api.inspect;

import java.util.Map;
import java.util.Objects;

/**
 * One unit of a plugin's work as operators see it, such as a voice session.
 *
 * @param guildId the guild it runs in
 * @param channelId the channel it uses, 0 when it has none yet
 * @param userId the user it serves
 * @param active {@code true} while it runs
 * @param details what the plugin records about it, by name, in the order it chooses
 */
public record Activity(long guildId, long channelId, long userId, boolean active, Map<String, Object> details) {

    /** Copies the details, keeping their order. */
    public Activity {
        details = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(Objects.requireNonNull(details, "details")));
    }
}

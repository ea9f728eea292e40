package dev.voicesession.api.inspect;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * What a plugin shows operators of its live and recent work, for consoles and diagnostics (the
 * sandbox console shows it). Called from any thread; an implementation answers from its own state or
 * storage and never calls Discord.
 */
public interface ActivityReporter extends ExtensionPoint {

    /**
     * Returns the plugin's active and recent activities, oldest first.
     *
     * @return a new list
     */
    List<Activity> activities();

    /**
     * Returns how long a user has to join a channel the plugin creates in a guild.
     *
     * @param guildId the guild
     * @return the timeout, or empty when the plugin does not serve that guild
     */
    default Optional<Duration> joinTimeout(long guildId) {
        return Optional.empty();
    }
}

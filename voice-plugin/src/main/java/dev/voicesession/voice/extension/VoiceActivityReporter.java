package dev.voicesession.voice.extension;

import dev.voicesession.api.inspect.Activity;
import dev.voicesession.api.inspect.ActivityReporter;
import dev.voicesession.voice.VoicePlugin;
import dev.voicesession.voice.inspect.SessionActivities;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/** Shows operators the plugin's sessions, from its own table ({@link SessionActivities}). */
@Extension
public final class VoiceActivityReporter implements ActivityReporter {

    private final SessionActivities activities;

    /**
     * Creates the reporter.
     *
     * @param plugin the started plugin
     */
    public VoiceActivityReporter(VoicePlugin plugin) {
        this.activities = plugin.wiring().activities();
    }

    @Override
    public List<Activity> activities() {
        return activities.activities();
    }

    @Override
    public Optional<Duration> joinTimeout(long guildId) {
        return activities.joinTimeout(guildId);
    }
}

package dev.voicesession.voice.inspect;

import dev.voicesession.api.inspect.Activity;
import dev.voicesession.voice.db.SessionRow;
import dev.voicesession.voice.session.SessionDeps;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What operators see of voice sessions (the sandbox console shows it): the newest rows of the plugin's own
 * table, read through its repository, and the join timeout of a guild from the current settings. Never calls
 * Discord.
 */
public final class SessionActivities {

    /** How many of the newest rows are shown. */
    static final int RECENT = 100;

    private final SessionDeps deps;

    /**
     * Creates the view.
     *
     * @param deps the session services
     */
    public SessionActivities(SessionDeps deps) {
        this.deps = deps;
    }

    /**
     * Returns the newest sessions, oldest first.
     *
     * @return one activity per row
     */
    public List<Activity> activities() {
        return deps.repository().findRecent(RECENT).stream().map(SessionActivities::activity).toList();
    }

    /**
     * Returns the join timeout of a guild where voice is enabled.
     *
     * @param guildId the guild
     * @return the timeout, or empty when voice is off there
     */
    public Optional<Duration> joinTimeout(long guildId) {
        if (!deps.settings().enabledIn(guildId)) {
            return Optional.empty();
        }
        return Optional.of(deps.settings().forGuild(guildId).joinTimeout());
    }

    /** The row's columns, in order, by their column names. */
    static Activity activity(SessionRow row) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (RecordComponent component : SessionRow.class.getRecordComponents()) {
            details.put(columnName(component.getName()), value(component, row));
        }
        return new Activity(row.guildId(), row.channelId(), row.userId(), row.isActive(), details);
    }

    private static Object value(RecordComponent component, SessionRow row) {
        try {
            return component.getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of a session row", e);
        }
    }

    /** {@code channelDeletedAt} to {@code channel_deleted_at}. */
    static String columnName(String componentName) {
        return componentName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}

package dev.voicesession.voice.command;

import static dev.voicesession.voice.command.CommandSupport.reply;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.voice.db.SessionRow;
import dev.voicesession.voice.db.VoiceDatabaseException;
import dev.voicesession.voice.session.SessionDeps;
import dev.voicesession.voice.session.SessionManager;
import dev.voicesession.voice.session.StatusTexts;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code !voice sessions}: lists the guild's active sessions with user, channel and age. Needs Manage Channels. */
public final class SessionsCommand implements BotCommand {

    private static final Logger log = LoggerFactory.getLogger(SessionsCommand.class);

    private final SessionDeps deps;
    private final SessionManager sessions;
    private final CommandSpec spec = CommandSpec.builder("sessions")
            .help("List the active voice sessions in this server")
            .guildOnly()
            .userPermissions(Permission.MANAGE_CHANNEL)
            .build();

    /**
     * Creates the command.
     *
     * @param deps the session services
     * @param sessions the sessions, for their state
     */
    public SessionsCommand(SessionDeps deps, SessionManager sessions) {
        this.deps = deps;
        this.sessions = sessions;
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public void execute(CommandEvent event) {
        if (!CommandSupport.enabled(deps, event)) {
            return;
        }
        long guildId = event.guild().getIdLong();
        List<SessionRow> rows;
        try {
            rows = deps.repository().findActiveByGuild(guildId);
        } catch (VoiceDatabaseException e) {
            log.error("Cannot list the voice sessions of guild '{}'", guildId, e);
            reply(event, "The sessions cannot be listed because of a database error.");
            return;
        }
        if (rows.isEmpty()) {
            reply(event, "No active voice sessions in this server.");
            return;
        }
        String lines = rows.stream().map(this::describe).collect(Collectors.joining("\n"));
        reply(event, "Active voice sessions (" + rows.size() + "):\n" + lines);
    }

    private String describe(SessionRow row) {
        Duration age = Duration.between(row.createdAt(), deps.clock().instant());
        String state = sessions.registry().byUser(row.userId())
                .filter(s -> s.guildId() == row.guildId())
                .map(s -> s.state().name().toLowerCase(Locale.ROOT))
                .orElse("not running (cleaned at the next reconciliation)");
        String channel = row.channelId() == 0 ? "no channel yet" : StatusTexts.channel(row.channelId());
        return "- <@" + row.userId() + "> in " + channel + ", " + formatAge(age) + ", " + state;
    }

    static String formatAge(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}

package dev.voicesession.voice.command;

import static dev.voicesession.voice.command.CommandSupport.reply;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.voice.model.EndReason;
import dev.voicesession.voice.session.SessionDeps;
import dev.voicesession.voice.session.SessionManager;
import dev.voicesession.voice.session.VoiceSession;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code !voice end <user>}: ends another user's session. Needs Manage Channels. */
public final class EndCommand implements BotCommand {

    private static final Logger log = LoggerFactory.getLogger(EndCommand.class);
    private static final Pattern USER = Pattern.compile("<@!?(\\d+)>|(\\d+)");
    private static final Duration END_WAIT = Duration.ofSeconds(10);

    private final SessionDeps deps;
    private final SessionManager sessions;
    private final CommandSpec spec = CommandSpec.builder("end")
            .help("End a user's voice session")
            .arguments("<user>")
            .guildOnly()
            .userPermissions(Permission.MANAGE_CHANNEL)
            .option(new OptionData(OptionType.USER, "user", "Whose session to end", true))
            .build();

    /**
     * Creates the command.
     *
     * @param deps the session services
     * @param sessions the sessions
     */
    public EndCommand(SessionDeps deps, SessionManager sessions) {
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
        OptionalLong target = parseUser(event.args());
        if (target.isEmpty()) {
            reply(event, "Usage: " + event.invocation() + " <user>");
            return;
        }
        long userId = target.getAsLong();
        Optional<VoiceSession> session = sessions.registry().byUser(userId).filter(s -> s.guildId() == guildId);
        if (session.isEmpty()) {
            reply(event, "<@" + userId + "> has no voice session in this server.");
            return;
        }
        log.info("User '{}' ends the voice session of user '{}' in guild '{}'", event.author().getIdLong(), userId,
                guildId);
        boolean done = sessions.endAndWait(session.get(), EndReason.ADMIN_END, END_WAIT);
        reply(event, (done ? "Ended" : "Ending") + " the voice session of <@" + userId + ">.");
    }

    static OptionalLong parseUser(String args) {
        Matcher matcher = USER.matcher(args.strip());
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        String id = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        try {
            return OptionalLong.of(Long.parseUnsignedLong(id));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}

package dev.voicesession.voice.command;

import static dev.voicesession.voice.command.CommandSupport.reply;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.api.queue.ConversationQueue;
import dev.voicesession.voice.model.EndReason;
import dev.voicesession.voice.session.SessionDeps;
import dev.voicesession.voice.session.SessionManager;
import dev.voicesession.voice.session.VoiceSession;
import java.time.Duration;
import java.util.Optional;

/** {@code !voice close} and {@code /voice close}: ends the user's own session, or withdraws their request. */
public final class CloseCommand implements BotCommand {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final SessionDeps deps;
    private final ConversationQueue queue;
    private final SessionManager sessions;
    private final CommandSpec spec = CommandSpec.builder("close")
            .help("End your voice session, or withdraw your queued request")
            .guildOnly()
            .build();

    /**
     * Creates the command.
     *
     * @param deps the session services
     * @param queue the host's queue, for a request not granted yet
     * @param sessions the sessions
     */
    public CloseCommand(SessionDeps deps, ConversationQueue queue, SessionManager sessions) {
        this.deps = deps;
        this.queue = queue;
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
        long userId = event.author().getIdLong();
        Optional<VoiceSession> session = sessions.registry().byUser(userId);
        if (session.isPresent()) {
            boolean done = sessions.endAndWait(session.get(), EndReason.CLOSED, CLOSE_WAIT);
            reply(event, done ? "Your voice session is closed." : "Your voice session is closing.");
        } else if (queue.cancelPending(userId).isPresent()) {
            reply(event, "Your queued voice request was cancelled.");
        } else {
            reply(event, "You have no voice session to close.");
        }
    }
}

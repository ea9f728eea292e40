package dev.voicesession.voice.command;

import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.voice.session.SessionDeps;
import dev.voicesession.voice.session.StatusTexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every voice command does first and last: check that voice is on in the guild, and reply. */
final class CommandSupport {

    private static final Logger log = LoggerFactory.getLogger(CommandSupport.class);

    private CommandSupport() {}

    /** Tells whether voice is on in the command's guild, and replies once if it is not. */
    static boolean enabled(SessionDeps deps, CommandEvent event) {
        if (deps.settings().enabledIn(event.guild().getIdLong())) {
            return true;
        }
        reply(event, StatusTexts.disabled());
        return false;
    }

    /** Replies; a reply Discord refuses is logged with its context. */
    static void reply(CommandEvent event, String text) {
        event.reply(text).whenComplete((message, error) -> {
            if (error != null) {
                log.warn(
                        "Cannot reply to user '{}' in channel '{}'",
                        event.author().getIdLong(), event.channel().getIdLong(), error);
            }
        });
    }
}

package dev.voicesession.voice.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Edits a session's status message; a refused edit is logged and does not affect the session. */
final class StatusUpdates {

    private static final Logger log = LoggerFactory.getLogger(StatusUpdates.class);

    private StatusUpdates() {}

    static void show(VoiceSession session, String text) {
        session.ticket().status().edit(text).whenComplete((ignored, error) -> {
            if (error != null) {
                log.warn(
                        "Cannot edit the status message of session '{}' (user '{}', guild '{}')",
                        session.key(), session.userId(), session.guildId(), error);
            }
        });
    }
}

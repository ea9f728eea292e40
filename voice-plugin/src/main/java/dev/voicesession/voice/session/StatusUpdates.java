package dev.voicesession.voice.session;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Edits a session's status message; a refused edit is logged and does not affect the session. */
final class StatusUpdates {

    private static final Logger log = LoggerFactory.getLogger(StatusUpdates.class);

    private StatusUpdates() {}

    static void show(VoiceSession session, String text) {
        CompletableFuture<Void> edit;
        try {
            edit = session.ticket().status().edit(text);
        } catch (RuntimeException e) {
            // A boundary into the host (JDA may refuse synchronously while shutting down): never stop the session.
            edit = CompletableFuture.failedFuture(e);
        }
        edit.whenComplete((ignored, error) -> {
            if (error != null) {
                log.warn(
                        "Cannot edit the status message of session '{}' (user '{}', guild '{}')",
                        session.key(), session.userId(), session.guildId(), error);
            }
        });
    }
}

package dev.voicesession.voice.extension;

import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.RequestHandler;
import dev.voicesession.api.queue.RequestTicket;
import dev.voicesession.voice.VoicePlugin;
import dev.voicesession.voice.command.VoiceStart;
import dev.voicesession.voice.session.SessionManager;
import dev.voicesession.voice.session.StatusTexts;
import org.pf4j.Extension;

/**
 * Serves granted voice requests. The ticket, and with it the queue slot, stays with the session until the
 * session ends; the session completes or fails it exactly once.
 */
@Extension
public final class VoiceRequestHandler implements RequestHandler {

    private final SessionManager sessions;

    /**
     * Creates the handler.
     *
     * @param plugin the started plugin, whose sessions it serves
     */
    public VoiceRequestHandler(VoicePlugin plugin) {
        this.sessions = plugin.wiring().sessions();
    }

    @Override
    public String type() {
        return VoiceStart.REQUEST_TYPE;
    }

    @Override
    public void onGranted(RequestTicket ticket) {
        sessions.onGranted(ticket);
    }

    @Override
    public String pendingStatus(QueueEntry entry, int position) {
        return StatusTexts.queued(position);
    }

    @Override
    public String startingStatus(QueueEntry entry) {
        return StatusTexts.creating();
    }
}

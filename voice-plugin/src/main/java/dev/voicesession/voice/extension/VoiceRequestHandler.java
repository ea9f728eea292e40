package dev.voicesession.voice.extension;

import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.RequestHandler;
import dev.voicesession.api.queue.RequestTicket;
import dev.voicesession.voice.VoicePlugin;
import dev.voicesession.voice.session.StatusTexts;
import org.pf4j.Extension;

/**
 * Serves granted {@value #TYPE} requests. The ticket, and with it the queue slot, stays with the
 * session until the session ends; the session completes or fails it exactly once.
 */
@Extension
public final class VoiceRequestHandler implements RequestHandler {

    /** The request type of voice sessions. */
    public static final String TYPE = "voice";

    private final VoicePlugin plugin;

    /**
     * Creates the handler.
     *
     * @param plugin the plugin whose services it uses
     */
    public VoiceRequestHandler(VoicePlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void onGranted(RequestTicket ticket) {
        plugin.services().sessions().onGranted(ticket);
    }

    @Override
    public String pendingStatus(QueueEntry entry, int position) {
        return StatusTexts.queued(position);
    }
}

package dev.voicesession.voice.extension;

import dev.voicesession.api.lifecycle.ShutdownParticipant;
import dev.voicesession.voice.VoicePlugin;
import java.time.Duration;
import org.pf4j.Extension;

/** Ends every session with reason {@code shutdown} within the deadline it declares to the host. */
@Extension
public final class VoiceShutdownParticipant implements ShutdownParticipant {

    /** Kept from the deadline so the participant returns before the host interrupts it. */
    private static final Duration MARGIN = Duration.ofMillis(500);

    private final VoicePlugin plugin;

    /**
     * Creates the participant.
     *
     * @param plugin the plugin whose services it uses
     */
    public VoiceShutdownParticipant(VoicePlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public Duration shutdownDeadline() {
        return plugin.services().settings().shutdownDeadline();
    }

    @Override
    public void onShutdown() throws InterruptedException {
        Duration wait = shutdownDeadline().minus(MARGIN);
        plugin.services().sessions().shutdown(wait.isNegative() ? Duration.ZERO : wait);
        if (Thread.interrupted()) {
            throw new InterruptedException("Voice shutdown interrupted at its deadline");
        }
    }
}

package dev.voicesession.voice.extension;

import dev.voicesession.api.lifecycle.ShutdownParticipant;
import dev.voicesession.voice.VoicePlugin;
import dev.voicesession.voice.session.SessionDeps;
import dev.voicesession.voice.session.SessionManager;
import java.time.Duration;
import org.pf4j.Extension;

/** Ends every session with reason {@code shutdown} within the deadline it declares to the host. */
@Extension
public final class VoiceShutdownParticipant implements ShutdownParticipant {

    /** Kept from the deadline so the participant returns before the host interrupts it. */
    private static final Duration MARGIN = Duration.ofMillis(500);

    private final SessionDeps deps;
    private final SessionManager sessions;

    /**
     * Creates the participant.
     *
     * @param plugin the started plugin, whose sessions it ends
     */
    public VoiceShutdownParticipant(VoicePlugin plugin) {
        this.deps = plugin.wiring().deps();
        this.sessions = plugin.wiring().sessions();
    }

    @Override
    public Duration shutdownDeadline() {
        return deps.settings().shutdownDeadline();
    }

    @Override
    public void onShutdown() throws InterruptedException {
        Duration wait = shutdownDeadline().minus(MARGIN);
        sessions.shutdown(wait.isNegative() ? Duration.ZERO : wait);
        if (Thread.interrupted()) {
            throw new InterruptedException("Voice shutdown interrupted at its deadline");
        }
    }
}

package dev.voicesession.voice.extension;

import dev.voicesession.api.DiscordClient;
import dev.voicesession.api.lifecycle.StartupParticipant;
import dev.voicesession.voice.VoicePlugin;
import dev.voicesession.voice.reconcile.ReconcileReport;
import dev.voicesession.voice.reconcile.Reconciler;
import dev.voicesession.voice.session.SessionDeps;
import java.util.List;
import net.dv8tion.jda.api.entities.Guild;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reconciles what earlier runs left once every shard is ready, before the host takes commands. */
@Extension
public final class VoiceStartupParticipant implements StartupParticipant {

    private static final Logger log = LoggerFactory.getLogger(VoiceStartupParticipant.class);

    private final SessionDeps deps;
    private final Reconciler reconciler;

    /**
     * Creates the participant.
     *
     * @param plugin the started plugin
     */
    public VoiceStartupParticipant(VoicePlugin plugin) {
        this.deps = plugin.wiring().deps();
        this.reconciler = plugin.wiring().reconciler();
    }

    @Override
    public void onReady(DiscordClient discord, List<Guild> guilds) {
        if (!deps.settings().masterEnabled()) {
            log.info("Voice features are off (plugins.voice.enabled); startup reconciliation skipped");
            return;
        }
        ReconcileReport report = reconciler.reconcileAll(guilds.stream().map(Guild::getIdLong).toList());
        log.info(
                "Startup reconciliation over {} guild(s): {} session(s) ended, {} channel(s) deleted, {} flagged",
                guilds.size(), report.sessionsEnded(), report.channelsDeleted(), report.channelsFlagged());
    }
}

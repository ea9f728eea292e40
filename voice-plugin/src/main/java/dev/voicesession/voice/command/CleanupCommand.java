package dev.voicesession.voice.command;

import static dev.voicesession.voice.command.CommandSupport.reply;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.voice.reconcile.ReconcileReport;
import dev.voicesession.voice.reconcile.Reconciler;
import dev.voicesession.voice.session.SessionDeps;
import net.dv8tion.jda.api.Permission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code !voice cleanup}: runs reconciliation for the guild now. Needs Manage Channels. */
public final class CleanupCommand implements BotCommand {

    private static final Logger log = LoggerFactory.getLogger(CleanupCommand.class);

    private final SessionDeps deps;
    private final Reconciler reconciler;
    private final CommandSpec spec = CommandSpec.builder("cleanup")
            .help("Delete voice channels and sessions left over by earlier runs")
            .guildOnly()
            .userPermissions(Permission.MANAGE_CHANNEL)
            .build();

    /**
     * Creates the command.
     *
     * @param deps the session services
     * @param reconciler does the work
     */
    public CleanupCommand(SessionDeps deps, Reconciler reconciler) {
        this.deps = deps;
        this.reconciler = reconciler;
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
        log.info("User '{}' runs voice reconciliation in guild '{}'", event.author().getIdLong(), guildId);
        ReconcileReport report = reconciler.reconcileGuild(guildId);
        reply(event, "Cleanup done: " + report.sessionsEnded() + " orphaned session(s) ended, "
                + report.channelsDeleted() + " channel(s) deleted, " + report.channelsFlagged()
                + " channel(s) could not be deleted.");
    }
}

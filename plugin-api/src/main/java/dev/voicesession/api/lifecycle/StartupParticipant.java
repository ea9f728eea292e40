package dev.voicesession.api.lifecycle;

import dev.voicesession.api.DiscordClient;
import java.util.List;
import net.dv8tion.jda.api.entities.Guild;
import org.pf4j.ExtensionPoint;

/**
 * Work to do once, when every shard is ready: for example reconciling what a previous run left
 * behind. Called on a thread that may block, before the host starts taking commands; a participant
 * that throws is logged and does not stop the others.
 */
public interface StartupParticipant extends ExtensionPoint {

    /**
     * Runs once when every shard of this process has reached {@code CONNECTED}.
     *
     * @param discord the bot's Discord client
     * @param guilds every guild this process serves at that moment
     */
    void onReady(DiscordClient discord, List<Guild> guilds);
}

package dev.voicesession.api.lifecycle;

import java.util.List;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.pf4j.ExtensionPoint;

/**
 * Work to do once, when every shard is ready: for example reconciling what a previous run left
 * behind. Called on a thread that may block, before the host starts taking commands; a participant
 * that throws is logged and does not stop the others.
 */
public interface StartupParticipant extends ExtensionPoint {

    /**
     * Runs once when every shard has reached {@code CONNECTED}.
     *
     * @param shardManager the host's shard manager
     * @param guilds every guild the bot is in at that moment
     */
    void onShardsReady(ShardManager shardManager, List<Guild> guilds);
}

package dev.voicesession.bench.agent;

import net.dv8tion.jda.api.audio.hooks.ConnectionListener;
import net.dv8tion.jda.api.audio.hooks.ConnectionStatus;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.sharding.ShardManager;

/**
 * Records every voice connection status change of the bot (JDA's {@link ConnectionStatus}) with {@link
 * System#nanoTime()}, through a {@link ConnectionListener} on each guild's audio manager. The voice plugin
 * polls the status itself and sets no listener, so this one observes without changing anything.
 */
final class VoiceProbe {
    private final LongRecords changes = new LongRecords(3, 1 << 12);

    /** Installs the listener in every guild the bot is in; returns how many. */
    int install(ShardManager shardManager) {
        int count = 0;
        for (Guild guild : shardManager.getGuildCache()) {
            long guildId = guild.getIdLong();
            guild.getAudioManager().setConnectionListener(new ConnectionListener() {
                @Override
                public void onStatusChange(ConnectionStatus status) {
                    changes.add(guildId, status.ordinal(), System.nanoTime());
                }
            });
            count++;
        }
        return count;
    }

    /** Rows of {@code [guildId, ConnectionStatus ordinal, nanos]}, forgotten once returned. */
    long[][] drain() {
        return changes.drain();
    }
}

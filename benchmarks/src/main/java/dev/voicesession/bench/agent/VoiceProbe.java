package dev.voicesession.bench.agent;

import java.util.EnumSet;
import net.dv8tion.jda.api.audio.SpeakingMode;
import net.dv8tion.jda.api.audio.hooks.ConnectionListener;
import net.dv8tion.jda.api.audio.hooks.ConnectionStatus;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.UserSnowflake;
import net.dv8tion.jda.api.sharding.ShardManager;

/**
 * Records every voice connection status change of the bot (JDA's {@link ConnectionStatus}) with {@link
 * System#nanoTime()}, through a {@link ConnectionListener} on each guild's audio manager. The voice plugin puts its
 * own relay in front of whatever listener it finds there and passes every call on, so this one observes without
 * changing anything; a listener already set is passed every call too.
 */
final class VoiceProbe {
    private final LongRecords changes = new LongRecords(3, 1 << 12);

    /** Installs the listener in every guild the bot is in; returns how many. */
    int install(ShardManager shardManager) {
        int count = 0;
        for (Guild guild : shardManager.getGuildCache()) {
            ConnectionListener current = guild.getAudioManager().getConnectionListener();
            if (!(current instanceof Recorder)) {
                guild.getAudioManager().setConnectionListener(new Recorder(guild.getIdLong(), current));
            }
            count++;
        }
        return count;
    }

    /** Rows of {@code [guildId, ConnectionStatus ordinal, nanos]}, forgotten once returned. */
    long[][] drain() {
        return changes.drain();
    }

    private final class Recorder implements ConnectionListener {
        private final long guildId;
        private final ConnectionListener next;

        Recorder(long guildId, ConnectionListener next) {
            this.guildId = guildId;
            this.next = next;
        }

        @Override
        public void onStatusChange(ConnectionStatus status) {
            changes.add(guildId, status.ordinal(), System.nanoTime());
            if (next != null) {
                next.onStatusChange(status);
            }
        }

        @Override
        public void onPing(long ping) {
            if (next != null) {
                next.onPing(ping);
            }
        }

        @Override
        public void onUserSpeakingModeUpdate(UserSnowflake user, EnumSet<SpeakingMode> modes) {
            if (next != null) {
                next.onUserSpeakingModeUpdate(user, modes);
            }
        }
    }
}

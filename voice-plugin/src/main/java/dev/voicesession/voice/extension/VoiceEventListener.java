package dev.voicesession.voice.extension;

import dev.voicesession.api.BotEventListener;
import dev.voicesession.voice.VoicePlugin;
import dev.voicesession.voice.reconcile.FollowUps;
import dev.voicesession.voice.session.SessionManager;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.unions.AudioChannelUnion;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.events.guild.voice.GuildVoiceUpdateEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.pf4j.Extension;

/**
 * Forwards the JDA events sessions react to; the gateway coming back with a new session (whose missed
 * events are not replayed, so sessions are checked against Discord); and the bot joining a guild, which may
 * be a guild it was removed from during a session (that guild is reconciled at once: the channel left
 * behind is deleted and the user's status message says how the session ended). Runs on JDA event threads,
 * so it only reads ids and hands them on; the work runs on session lanes or scheduler threads.
 */
@Extension
public final class VoiceEventListener extends ListenerAdapter implements BotEventListener {

    private final SessionManager sessions;
    private final FollowUps followUps;

    /**
     * Creates the listener.
     *
     * @param plugin the started plugin
     */
    public VoiceEventListener(VoicePlugin plugin) {
        this.sessions = plugin.wiring().sessions();
        this.followUps = plugin.wiring().followUps();
    }

    @Override
    public void onGuildVoiceUpdate(GuildVoiceUpdateEvent event) {
        sessions.onVoiceUpdate(
                event.getGuild().getIdLong(),
                event.getMember().getIdLong(),
                event.getMember().getUser().isBot(),
                idOf(event.getChannelLeft()),
                idOf(event.getChannelJoined()));
    }

    @Override
    public void onChannelDelete(ChannelDeleteEvent event) {
        if (event.isFromGuild() && event.getChannelType() == ChannelType.VOICE) {
            sessions.onChannelDeleted(event.getGuild().getIdLong(), event.getChannel().getIdLong());
        }
    }

    @Override
    public void onSessionRecreate(SessionRecreateEvent event) {
        sessions.onSessionRecreated();
    }

    @Override
    public void onGuildLeave(GuildLeaveEvent event) {
        sessions.onGuildLeft(event.getGuild().getIdLong());
    }

    @Override
    public void onGuildJoin(GuildJoinEvent event) {
        followUps.runNow(event.getGuild().getIdLong());
    }

    private static long idOf(AudioChannelUnion channel) {
        return channel == null ? 0 : channel.getIdLong();
    }
}

package dev.voicesession.voice.extension;

import dev.voicesession.api.BotEventListener;
import dev.voicesession.voice.VoicePlugin;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.unions.AudioChannelUnion;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.events.guild.voice.GuildVoiceUpdateEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.pf4j.Extension;

/**
 * Forwards the JDA events sessions react to, and the gateway coming back with a new session (whose
 * missed events are not replayed, so sessions are checked against Discord). Runs on JDA event threads, so it only reads ids and
 * hands them to the session manager, which queues the work on the session's lane.
 */
@Extension
public final class VoiceEventListener extends ListenerAdapter implements BotEventListener {

    private final VoicePlugin plugin;

    /**
     * Creates the listener.
     *
     * @param plugin the plugin whose services it uses
     */
    public VoiceEventListener(VoicePlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public void onGuildVoiceUpdate(GuildVoiceUpdateEvent event) {
        plugin.services().sessions().onVoiceUpdate(
                event.getGuild().getIdLong(),
                event.getMember().getIdLong(),
                event.getMember().getUser().isBot(),
                idOf(event.getChannelLeft()),
                idOf(event.getChannelJoined()));
    }

    @Override
    public void onChannelDelete(ChannelDeleteEvent event) {
        if (event.isFromGuild() && event.getChannelType() == ChannelType.VOICE) {
            plugin.services().sessions().onChannelDeleted(event.getGuild().getIdLong(), event.getChannel().getIdLong());
        }
    }

    @Override
    public void onSessionRecreate(SessionRecreateEvent event) {
        plugin.services().sessions().onSessionRecreated();
    }

    @Override
    public void onGuildLeave(GuildLeaveEvent event) {
        plugin.services().sessions().onGuildLeft(event.getGuild().getIdLong());
    }

    private static long idOf(AudioChannelUnion channel) {
        return channel == null ? 0 : channel.getIdLong();
    }
}

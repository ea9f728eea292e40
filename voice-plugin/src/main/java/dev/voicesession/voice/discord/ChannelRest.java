package dev.voicesession.voice.discord;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.internal.requests.RestActionImpl;
import net.dv8tion.jda.internal.requests.restaction.AuditableRestActionImpl;

/**
 * Channel calls by id, for channels that are not in JDA's cache (the guild is unavailable, or the
 * cache has not seen the channel). JDA's public API only reaches channels through cached entities, so
 * this one class uses JDA's internal request classes with the public {@link Route}s.
 */
final class ChannelRest {

    private ChannelRest() {}

    /** {@code GET /channels/{id}}: succeeds if the channel exists. */
    static RestAction<Void> fetch(JDA jda, long channelId) {
        return new RestActionImpl<>(
                jda, Route.Channels.GET_CHANNEL.compile(Long.toUnsignedString(channelId)), (response, request) -> null);
    }

    /** {@code DELETE /channels/{id}} with an audit-log reason. */
    static RestAction<Void> delete(JDA jda, long channelId, String reason) {
        return new AuditableRestActionImpl<Void>(
                        jda,
                        Route.Channels.DELETE_CHANNEL.compile(Long.toUnsignedString(channelId)),
                        (response, request) -> null)
                .reason(reason);
    }
}

package dev.voicesession.emulator.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.core.DiscordException;
import dev.voicesession.emulator.core.MessageService;
import dev.voicesession.emulator.core.Permissions;
import dev.voicesession.emulator.model.ApplicationCommand;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Interaction;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.model.MessageRevision;
import dev.voicesession.emulator.model.RequestLogEntry;
import dev.voicesession.emulator.model.Role;
import dev.voicesession.emulator.model.User;
import dev.voicesession.emulator.model.VoiceState;
import dev.voicesession.emulator.voice.VoiceConnectionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes the console page reads, built from the emulator's state. */
final class ConsoleViews {
    /** Guild-wide permissions whose absence the console points out, with Discord's names. */
    private static final Map<Long, String> NOTABLE_PERMISSIONS = notablePermissions();
    private static final int BODY_PREVIEW = 400;

    private final EmulatorControl control;
    private final VoiceWatch voice;

    /** {@code voice} is null when the emulator runs without a voice server. */
    ConsoleViews(EmulatorControl control, VoiceWatch voice) {
        this.control = control;
        this.voice = voice;
    }

    /** The bot, every guild and every simulated user a person can act as (guild owners last). */
    Map<String, Object> overview() {
        Map<Long, Map<String, Object>> users = new LinkedHashMap<>();
        Map<Long, Map<String, Object>> owners = new LinkedHashMap<>();
        List<Map<String, Object>> guilds = new ArrayList<>();
        for (Guild guild : control.guilds()) {
            guilds.add(map("id", guild.id(), "name", guild.name(), "botMissing", botMissing(guild.id())));
            for (Member member : control.members(guild.id())) {
                control.user(member.userId()).filter(u -> !u.bot()).ifPresent(u -> (u.id() == guild.ownerId()
                        ? owners : users).putIfAbsent(u.id(), map("id", u.id(), "username", u.username())));
            }
        }
        owners.keySet().removeAll(users.keySet());
        List<Map<String, Object>> actors = new ArrayList<>(users.values());
        actors.addAll(owners.values());
        User bot = control.bot();
        return map("bot", map("id", bot.id(), "username", bot.username()), "guilds", guilds, "users", actors);
    }

    /** One guild as a client shows it: channels with who can see them, members, voice, commands. */
    Map<String, Object> guild(long guildId) {
        Guild guild = control.guild(guildId).orElseThrow(DiscordException::unknownGuild);
        List<Member> members = control.members(guildId);
        List<Long> seeAll = members.stream().map(Member::userId)
                .filter(id -> id == guild.ownerId() || Permissions.has(guildPermissions(guildId, id),
                        Permissions.ADMINISTRATOR))
                .toList();
        List<Map<String, Object>> channels = new ArrayList<>();
        for (Channel channel : control.channels(guildId)) {
            try {
                channels.add(channel(channel, members, seeAll));
            } catch (DiscordException e) {
                // Deleted since the list was read: the CHANNEL_DELETE event brings the next snapshot.
                continue;
            }
        }
        List<Map<String, Object>> memberViews = new ArrayList<>();
        for (Member member : members) {
            User user = control.user(member.userId()).orElseThrow();
            memberViews.add(map("id", user.id(), "username", user.username(), "bot", user.bot()));
        }
        List<Map<String, Object>> voiceStates = new ArrayList<>();
        for (VoiceState state : control.voiceStates(guildId)) {
            voiceStates.add(map("userId", state.userId(), "channelId", state.channelId()));
        }
        List<JsonNode> commands = new ArrayList<>();
        control.commands(guildId).stream().map(ApplicationCommand::json).forEach(commands::add);
        control.commands(null).stream().map(ApplicationCommand::json).forEach(commands::add);
        return map("id", guild.id(), "name", guild.name(), "botMissing", botMissing(guildId),
                "channels", channels, "members", memberViews, "voiceStates", voiceStates,
                "botVoice", botVoice(guildId), "commands", commands);
    }

    /**
     * A channel with the members who can see it and connect to it. It is private when some member
     * cannot see it; {@code visibleTo} then names who can, leaving out the owner and administrators,
     * who see every channel.
     */
    private Map<String, Object> channel(Channel channel, List<Member> members, List<Long> seeAll) {
        Map<Long, Long> permissions = control.effectivePermissions(channel.id());
        List<Long> viewers = new ArrayList<>();
        List<Long> connectors = new ArrayList<>();
        for (Member member : members) {
            long bits = permissions.getOrDefault(member.userId(), 0L);
            if (Permissions.has(bits, Permissions.VIEW_CHANNEL)) {
                viewers.add(member.userId());
            }
            if (Permissions.has(bits, Permissions.VIEW_CHANNEL | Permissions.CONNECT)) {
                connectors.add(member.userId());
            }
        }
        return map("id", channel.id(), "name", channel.name(),
                "type", channel.type().name().toLowerCase(Locale.ROOT), "parentId", channel.parentId(),
                "position", channel.position(), "private", viewers.size() < members.size(),
                "viewers", viewers, "visibleTo", viewers.stream().filter(id -> !seeAll.contains(id)).toList(),
                "connectors", connectors);
    }

    /**
     * The bot's voice connection in a guild as the voice server sees it, with when it last changed and that
     * change's version (the page keeps the view with the highest).
     */
    Map<String, Object> botVoice(long guildId) {
        if (voice == null) {
            return map("guildId", guildId, "state", "UNAVAILABLE");
        }
        long version = voice.version(guildId);
        VoiceConnectionInfo info = control.botVoiceConnection(guildId);
        return map("guildId", guildId, "version", version, "state", info.state().name(), "channelId",
                info.channelId(), "since", voice.changedAt(guildId), "ssrc", info.ssrc(), "encryptionMode", info.encryptionMode(),
                "heartbeats", info.heartbeats(), "udpPackets", info.udpPacketsReceived(),
                "lastCloseCode", info.lastCloseCode());
    }

    /** The newest messages of a channel, oldest first, deleted and ephemeral ones included. */
    List<Map<String, Object>> messages(long channelId, int limit) {
        control.channel(channelId).orElseThrow(DiscordException::unknownChannel);
        List<Message> all = control.messages(channelId);
        return all.subList(Math.max(0, all.size() - limit), all.size()).stream().map(this::message).toList();
    }

    /** A message with its author, edits and the slash command it answers. */
    Map<String, Object> message(Message message) {
        User author = control.user(message.authorId()).orElseThrow();
        List<Map<String, Object>> history = new ArrayList<>();
        for (MessageRevision revision : message.history()) {
            history.add(map("content", revision.content(), "at", revision.at()));
        }
        Map<String, Object> interaction = null;
        if (message.interactionId() != null) {
            Interaction used = control.interaction(message.interactionId()).orElseThrow();
            String userName = control.user(used.userId()).map(User::username).orElse("?");
            interaction = map("userId", used.userId(), "user", userName, "command", used.commandName(),
                    "options", used.options());
        }
        return map("id", message.id(), "guildId", message.guildId(), "channelId", message.channelId(),
                "authorId", author.id(), "author", author.username(), "bot", author.bot(),
                "content", message.content(), "embeds", message.embeds(), "timestamp", message.timestamp(),
                "edited", message.editedTimestamp(), "history", history, "deleted", message.deleted(),
                "ephemeral", (message.flags() & MessageService.EPHEMERAL) != 0,
                "loading", (message.flags() & MessageService.LOADING) != 0, "interaction", interaction);
    }

    /** A REST request the bot made, numbered, with the start of its body. */
    Map<String, Object> request(RequestTail.Numbered numbered) {
        RequestLogEntry entry = numbered.entry();
        String body = entry.requestBody();
        return map("sequence", numbered.sequence(), "at", entry.timestamp(), "method", entry.method(),
                "path", entry.path(), "route", entry.route(), "status", entry.status(),
                "body", body.length() > BODY_PREVIEW ? body.substring(0, BODY_PREVIEW) + "..." : body);
    }

    /** The attached host: its status, its sessions and each guild's join timeout; {@code host} may be null. */
    Map<String, Object> host(ConsoleHost host) {
        if (host == null) {
            return map("attached", false);
        }
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (ConsoleHost.Session session : host.sessions()) {
            sessions.add(map("row", session.row(), "guildId", session.guildId(), "channelId", session.channelId(),
                    "userId", session.userId(), "active", session.active()));
        }
        Map<String, Object> joinTimeouts = new LinkedHashMap<>();
        for (Guild guild : control.guilds()) {
            host.joinTimeout(guild.id()).ifPresent(t -> joinTimeouts.put(Long.toString(guild.id()), t.toMillis()));
        }
        return map("attached", true, "description", host.description(), "status", host.status().name(),
                "sessions", sessions, "joinTimeouts", joinTimeouts);
    }

    /** Guild-wide permissions from {@code @everyone} and the member's roles (owners aside). */
    private long guildPermissions(long guildId, long userId) {
        Member member = control.members(guildId).stream().filter(m -> m.userId() == userId).findFirst()
                .orElse(null);
        long granted = 0;
        for (Role role : control.roles(guildId)) {
            if (role.id() == guildId || member != null && member.roleIds().contains(role.id())) {
                granted |= role.permissions();
            }
        }
        return granted;
    }

    private List<String> botMissing(long guildId) {
        long botId = control.bot().id();
        if (control.members(guildId).stream().noneMatch(m -> m.userId() == botId)) {
            return List.of("membership (the bot is not in this guild)");
        }
        long held = guildPermissions(guildId, botId);
        if (Permissions.has(held, Permissions.ADMINISTRATOR)) {
            return List.of();
        }
        return NOTABLE_PERMISSIONS.entrySet().stream()
                .filter(e -> !Permissions.has(held, e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static Map<Long, String> notablePermissions() {
        Map<Long, String> names = new LinkedHashMap<>();
        names.put(Permissions.VIEW_CHANNEL, "View Channels");
        names.put(Permissions.SEND_MESSAGES, "Send Messages");
        names.put(Permissions.MANAGE_CHANNELS, "Manage Channels");
        names.put(Permissions.MANAGE_ROLES, "Manage Roles");
        names.put(Permissions.CONNECT, "Connect");
        names.put(Permissions.SPEAK, "Speak");
        names.put(Permissions.MOVE_MEMBERS, "Move Members");
        return names;
    }

    /** An insertion-ordered map that, unlike {@code Map.of}, keeps null values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}

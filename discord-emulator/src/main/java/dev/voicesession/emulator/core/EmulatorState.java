package dev.voicesession.emulator.core;

import dev.voicesession.emulator.model.ApplicationCommand;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Interaction;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.model.Role;
import dev.voicesession.emulator.model.User;
import dev.voicesession.emulator.model.VoiceState;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The emulator's in-memory Discord: users, guilds with their roles, members, channels and voice states,
 * messages, application commands and interactions. All methods synchronize on this object; services
 * that need several steps to be atomic synchronize on it too.
 */
public final class EmulatorState {
    private final Snowflakes ids = new Snowflakes();
    private final User bot;
    private volatile String botToken;
    private final Map<Long, User> users = new LinkedHashMap<>();
    private final Map<Long, GuildData> guilds = new LinkedHashMap<>();
    private final Map<Long, Long> channelGuild = new LinkedHashMap<>();
    private final Map<Long, Message> messages = new LinkedHashMap<>();
    private final Map<Long, ApplicationCommand> commands = new LinkedHashMap<>();
    private final Map<Long, Interaction> interactions = new LinkedHashMap<>();
    /** Direct message channels: channel id to the user on the other side. */
    private final Map<Long, Long> directChannels = new LinkedHashMap<>();
    /** Users that stand for webhooks: their messages carry {@code webhook_id}. */
    private final Set<Long> webhooks = new HashSet<>();

    /** Creates an empty Discord with one bot user. */
    public EmulatorState(String botName, String botToken) {
        this.bot = new User(ids.next(), botName, null, true);
        this.botToken = botToken;
        users.put(bot.id(), bot);
    }

    /** The id generator. */
    public Snowflakes ids() {
        return ids;
    }

    /** The bot user, also the application id. */
    public User bot() {
        return bot;
    }

    /** The bot token, without the {@code Bot } prefix. */
    public String botToken() {
        return botToken;
    }

    /**
     * Replaces the bot token with a new one, as Discord does when a bot exceeds its session start limit: the old
     * token is refused from now on, by REST (401) and by the gateway (close 4004).
     *
     * @return the new token
     */
    public String resetToken() {
        botToken = newToken();
        return botToken;
    }

    /** A random token of Discord's shape: three base64url parts joined by dots. */
    public static String newToken() {
        SecureRandom random = new SecureRandom();
        byte[] head = new byte[18];
        byte[] secret = new byte[27];
        random.nextBytes(head);
        random.nextBytes(secret);
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(head) + ".emu." + encoder.encodeToString(secret);
    }

    /** Adds a user. */
    public synchronized User addUser(String username, boolean isBot) {
        User user = new User(ids.next(), username, null, isBot);
        users.put(user.id(), user);
        return user;
    }

    /** Adds a user that stands for a webhook: the author of the webhook's messages, id = webhook id. */
    public synchronized User addWebhook(String name) {
        User user = addUser(name, true);
        webhooks.add(user.id());
        return user;
    }

    /** Whether the user stands for a webhook. */
    public synchronized boolean isWebhook(long userId) {
        return webhooks.contains(userId);
    }

    /** The direct message channel between the bot and a user, created on first use. */
    public synchronized long directChannel(long userId) {
        for (Map.Entry<Long, Long> entry : directChannels.entrySet()) {
            if (entry.getValue() == userId) {
                return entry.getKey();
            }
        }
        long id = ids.next();
        directChannels.put(id, userId);
        return id;
    }

    /** The user on the other side of a direct message channel, if the id is one. */
    public synchronized Optional<Long> directRecipient(long channelId) {
        return Optional.ofNullable(directChannels.get(channelId));
    }

    /** Looks up a user. */
    public synchronized Optional<User> user(long id) {
        return Optional.ofNullable(users.get(id));
    }

    /** Looks up a user by name. */
    public synchronized Optional<User> userByName(String username) {
        return users.values().stream().filter(u -> u.username().equals(username)).findFirst();
    }

    synchronized GuildData newGuild(Guild guild) {
        GuildData data = new GuildData(guild);
        guilds.put(guild.id(), data);
        return data;
    }

    synchronized Optional<GuildData> guildData(long guildId) {
        return Optional.ofNullable(guilds.get(guildId));
    }

    synchronized void removeGuild(long guildId) {
        GuildData removed = guilds.remove(guildId);
        if (removed != null) {
            removed.channels.keySet().forEach(channelGuild::remove);
        }
    }

    /** Every guild, including those the bot is not in. */
    public synchronized List<Guild> guilds() {
        return guilds.values().stream().map(g -> g.guild).toList();
    }

    /** Looks up a guild. */
    public synchronized Optional<Guild> guild(long guildId) {
        return guildData(guildId).map(g -> g.guild);
    }

    /** Guilds the bot is a member of. */
    public synchronized List<Guild> botGuilds() {
        return guilds.values().stream()
                .filter(g -> g.members.containsKey(bot.id()))
                .map(g -> g.guild)
                .toList();
    }

    /** Roles of a guild in creation order. */
    public synchronized List<Role> roles(long guildId) {
        return guildData(guildId).map(g -> List.copyOf(g.roles.values())).orElse(List.of());
    }

    /** Roles of a guild by id. */
    public synchronized Map<Long, Role> roleMap(long guildId) {
        return guildData(guildId).map(g -> Map.copyOf(g.roles)).orElse(Map.of());
    }

    /** Members of a guild in join order. */
    public synchronized List<Member> members(long guildId) {
        return guildData(guildId).map(g -> List.copyOf(g.members.values())).orElse(List.of());
    }

    /** Looks up a member. */
    public synchronized Optional<Member> member(long guildId, long userId) {
        return guildData(guildId).map(g -> g.members.get(userId));
    }

    /** Channels of a guild in creation order. */
    public synchronized List<Channel> channels(long guildId) {
        return guildData(guildId).map(g -> List.copyOf(g.channels.values())).orElse(List.of());
    }

    /** Looks up a channel in any guild. */
    public synchronized Optional<Channel> channel(long channelId) {
        Long guildId = channelGuild.get(channelId);
        return guildId == null ? Optional.empty() : guildData(guildId).map(g -> g.channels.get(channelId));
    }

    synchronized void putChannel(Channel channel) {
        guilds.get(channel.guildId()).channels.put(channel.id(), channel);
        channelGuild.put(channel.id(), channel.guildId());
    }

    synchronized void removeChannel(Channel channel) {
        guilds.get(channel.guildId()).channels.remove(channel.id());
        channelGuild.remove(channel.id());
    }

    /** Voice states of a guild. */
    public synchronized List<VoiceState> voiceStates(long guildId) {
        return guildData(guildId).map(g -> List.copyOf(g.voiceStates.values())).orElse(List.of());
    }

    /** A user's voice state in a guild, if connected. */
    public synchronized Optional<VoiceState> voiceState(long guildId, long userId) {
        return guildData(guildId).map(g -> g.voiceStates.get(userId));
    }

    synchronized void putMessage(Message message) {
        messages.put(message.id(), message);
    }

    /** Looks up a message, including deleted ones. */
    public synchronized Optional<Message> message(long messageId) {
        return Optional.ofNullable(messages.get(messageId));
    }

    /** Messages of a channel, oldest first, including deleted ones. */
    public synchronized List<Message> messages(long channelId) {
        List<Message> result = new ArrayList<>();
        for (Message message : messages.values()) {
            if (message.channelId() == channelId) {
                result.add(message);
            }
        }
        return result;
    }

    synchronized void putCommand(ApplicationCommand command) {
        commands.put(command.id(), command);
    }

    synchronized void removeCommand(long commandId) {
        commands.remove(commandId);
    }

    /** Commands registered for a guild ({@code guildId} non-null) or globally ({@code null}). */
    public synchronized List<ApplicationCommand> commands(Long guildId) {
        return commands.values().stream()
                .filter(c -> guildId == null ? c.guildId() == null : guildId.equals(c.guildId()))
                .toList();
    }

    /** Looks up a command. */
    public synchronized Optional<ApplicationCommand> command(long commandId) {
        return Optional.ofNullable(commands.get(commandId));
    }

    synchronized void putInteraction(Interaction interaction) {
        interactions.put(interaction.id(), interaction);
    }

    /** Looks up an interaction by id. */
    public synchronized Optional<Interaction> interaction(long interactionId) {
        return Optional.ofNullable(interactions.get(interactionId));
    }

    /** Looks up an interaction by its token. */
    public synchronized Optional<Interaction> interactionByToken(String token) {
        return interactions.values().stream().filter(i -> i.token().equals(token)).findFirst();
    }

    /** Every interaction, oldest first. */
    public synchronized List<Interaction> interactions() {
        return List.copyOf(interactions.values());
    }
}

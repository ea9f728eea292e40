package dev.voicesession.voice.discord;

import dev.voicesession.api.DiscordClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.audio.SpeakingMode;
import net.dv8tion.jda.api.audio.hooks.ConnectionListener;
import net.dv8tion.jda.api.audio.hooks.ConnectionStatus;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.GuildVoiceState;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.PermissionOverride;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.UserSnowflake;
import net.dv8tion.jda.api.entities.channel.concrete.Category;
import net.dv8tion.jda.api.entities.channel.concrete.VoiceChannel;
import net.dv8tion.jda.api.entities.channel.middleman.AudioChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.managers.AudioManager;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.restaction.ChannelAction;
import net.dv8tion.jda.api.utils.TimeUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DiscordActions} over the host's JDA client (one JDA or a shard manager). Voice joins and leaves go
 * through the shards' {@link GatewayBudget}; the bot's voice connection status is relayed from each guild's
 * audio manager, keeping whatever connection listener the operator set there.
 */
public final class JdaDiscordActions implements DiscordActions {

    private static final Logger log = LoggerFactory.getLogger(JdaDiscordActions.class);

    /**
     * How long a voice join or leave waits for the guild's shard to be connected again. A shard that lost
     * its gateway session clears its caches and rebuilds them from the new session's guild payloads; JDA
     * does that while holding its audio-manager lock and then takes each manager's connection lock, while
     * {@code AudioManager.closeAudioConnection()} takes them in the other order. Touching the audio manager
     * only while the shard is connected keeps the plugin's threads out of that lock cycle, which otherwise
     * stalls the guild's setup (JDA gives up on a lock after 10 s and on the guild after 75 s).
     */
    static final Duration GATEWAY_WAIT = Duration.ofSeconds(30);

    private final DiscordClient discord;
    private final RestCalls rest;
    private final Duration createTimeout;
    private final GatewayBudget budget;
    private final List<LongConsumer> voiceListeners = new CopyOnWriteArrayList<>();

    /**
     * Creates the actions.
     *
     * @param discord the bot's Discord client
     * @param restTimeout how long one REST call may take
     * @param createTimeout how long a channel creation may take, its wait behind rate limits included
     * @param budget the voice joins and leaves each shard may send
     */
    public JdaDiscordActions(DiscordClient discord, Duration restTimeout, Duration createTimeout, GatewayBudget budget) {
        this.discord = discord;
        this.rest = new RestCalls(restTimeout);
        this.createTimeout = createTimeout;
        this.budget = budget;
    }

    @Override
    public GatewayBudget.Ticket requestVoiceJoin(long guildId, Runnable whenAllowed) {
        return budget.requestJoin(shardId(guildId), guildId, whenAllowed);
    }

    @Override
    public void addVoiceStatusListener(LongConsumer listener) {
        voiceListeners.add(listener);
    }

    @Override
    public long selfId() {
        return anyShard().getSelfUser().getIdLong();
    }

    @Override
    public boolean hasGuild(long guildId) {
        return discord.guild(guildId).isPresent();
    }

    @Override
    public PermissionCheck checkCreatePermissions(long guildId, long categoryId) {
        Guild guild = requireGuild(guildId);
        Member self = guild.getSelfMember();
        Category category = null;
        if (categoryId != 0) {
            category = guild.getCategoryById(categoryId);
            if (category == null) {
                throw new DiscordActionException(
                        "Category '" + categoryId + "' of guild '" + guildId + "' does not exist",
                        ErrorResponse.UNKNOWN_CHANNEL.getCode(), Set.of(), false, null);
            }
        }
        EnumSet<Permission> missing = EnumSet.noneOf(Permission.class);
        for (Permission permission : VoicePermissions.REQUIRED) {
            boolean has = category == null ? self.hasPermission(permission) : self.hasPermission(category, permission);
            if (!has) {
                missing.add(permission);
            }
        }
        // Discord (and JDA) let the bot put into an overwrite only bits it has server-wide, unless it
        // is an administrator or may manage permissions in the category.
        boolean mayGrantAnything = self.hasPermission(Permission.ADMINISTRATOR)
                || (category != null && self.hasPermission(category, Permission.MANAGE_PERMISSIONS));
        if (!mayGrantAnything) {
            long overwriteBits = VoicePermissions.MEMBER_ALLOW | VoicePermissions.EVERYONE_DENY;
            missing.addAll(Permission.getPermissions(overwriteBits & ~Permission.getRaw(self.getPermissions())));
        }
        String where = category == null ? "the server" : "category '" + category.getName() + "'";
        return new PermissionCheck(missing, where);
    }

    @Override
    public String userName(long guildId, long userId) {
        Guild guild = discord.guild(guildId).orElse(null);
        Member member = guild == null ? null : guild.getMemberById(userId);
        if (member != null) {
            return member.getUser().getName();
        }
        try {
            return rest.await(discord.anyShard().retrieveUserById(userId), "fetch user '" + userId + "'").getName();
        } catch (DiscordActionException e) {
            return Long.toUnsignedString(userId);
        }
    }

    @Override
    public long createChannel(ChannelBlueprint blueprint) {
        String what = "create voice channel for user '" + blueprint.userId() + "' in guild '" + blueprint.guildId() + "'";
        Guild guild = requireGuild(blueprint.guildId());
        ChannelAction<VoiceChannel> action;
        try {
            if (blueprint.categoryId() != 0) {
                Category category = guild.getCategoryById(blueprint.categoryId());
                if (category == null) {
                    throw new DiscordActionException(
                            what + ": category '" + blueprint.categoryId() + "' does not exist",
                            ErrorResponse.UNKNOWN_CHANNEL.getCode(), Set.of(), false, null);
                }
                action = category.createVoiceChannel(blueprint.name());
            } else {
                action = guild.createVoiceChannel(blueprint.name());
            }
            action = action.addRolePermissionOverride(guild.getPublicRole().getIdLong(), 0, VoicePermissions.EVERYONE_DENY)
                    .addMemberPermissionOverride(blueprint.userId(), VoicePermissions.MEMBER_ALLOW, 0)
                    .addMemberPermissionOverride(selfId(), VoicePermissions.MEMBER_ALLOW, 0)
                    .reason(blueprint.reason());
        } catch (InsufficientPermissionException e) {
            throw RestCalls.permission(what, e);
        } catch (IllegalArgumentException e) {
            // JDA checks the name and the overwrites while building: a refusal like Discord's Invalid Form Body.
            throw new DiscordActionException(what + ": " + e.getMessage(), 50035, Set.of(), false, e);
        }
        // Behind the bot's own requests under Discord's limits the create may wait its turn: not a failure.
        return rest.await(action, what, createTimeout).getIdLong();
    }

    @Override
    public void openConnection(long guildId, long channelId) {
        String what = "connect to voice channel '" + channelId + "' in guild '" + guildId + "'";
        if (!awaitGateway(guildId, what)) {
            throw new DiscordActionException(what + ": the bot's gateway is not connected", 0, Set.of(), false, null);
        }
        Guild guild = requireGuild(guildId);
        VoiceChannel channel = guild.getVoiceChannelById(channelId);
        if (channel == null) {
            throw new DiscordActionException(
                    what + ": the channel is gone", ErrorResponse.UNKNOWN_CHANNEL.getCode(), Set.of(), false, null);
        }
        try {
            AudioManager audio = guild.getAudioManager();
            relayStatus(guildId, audio);
            audio.openAudioConnection(channel);
        } catch (InsufficientPermissionException e) {
            throw RestCalls.permission(what, e);
        } catch (IllegalStateException | UnsupportedOperationException e) {
            throw new DiscordActionException(what + ": " + e.getMessage(), 0, Set.of(), false, e);
        }
    }

    /**
     * Puts the plugin's relay in front of the connection listener of the guild's audio manager, once; the
     * listener found there keeps getting every call.
     */
    private void relayStatus(long guildId, AudioManager audio) {
        ConnectionListener current = audio.getConnectionListener();
        if (!(current instanceof StatusRelay)) {
            audio.setConnectionListener(new StatusRelay(guildId, current));
        }
    }

    /** Tells the plugin's listeners of each status change and passes every call on to the listener it replaced. */
    private final class StatusRelay implements ConnectionListener {
        private final long guildId;
        private final ConnectionListener next;

        StatusRelay(long guildId, ConnectionListener next) {
            this.guildId = guildId;
            this.next = next;
        }

        @Override
        public void onStatusChange(ConnectionStatus status) {
            if (next != null) {
                next.onStatusChange(status);
            }
            for (LongConsumer listener : voiceListeners) {
                listener.accept(guildId);
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

        @Override
        @SuppressWarnings("deprecation")
        public void onUserSpeakingModeUpdate(User user, EnumSet<SpeakingMode> modes) {
            if (next != null) {
                next.onUserSpeakingModeUpdate(user, modes);
            }
        }
    }

    @Override
    public boolean isConnected(long guildId, long channelId) {
        Guild guild = discord.guild(guildId).orElse(null);
        if (guild == null) {
            return false;
        }
        AudioManager audio = guild.getAudioManager();
        AudioChannel connected = audio.getConnectedChannel();
        return audio.getConnectionStatus() == ConnectionStatus.CONNECTED
                && connected != null
                && connected.getIdLong() == channelId;
    }

    @Override
    public boolean leaveVoice(long guildId, long channelId) {
        if (!awaitGateway(guildId, "leave voice channel '" + channelId + "' in guild '" + guildId + "'")) {
            // Deleting the channel takes the bot out of it; JDA drops the stale connection when it is back.
            budget.left(shardId(guildId), guildId, false);
            return false;
        }
        Guild guild = discord.guild(guildId).orElse(null);
        if (guild == null) {
            budget.left(shardId(guildId), guildId, false);
            return false;
        }
        AudioManager audio = guild.getAudioManager();
        AudioChannel connected = audio.getConnectedChannel();
        GuildVoiceState state = guild.getSelfMember().getVoiceState();
        AudioChannel present = state == null ? null : state.getChannel();
        boolean there = (connected != null && connected.getIdLong() == channelId)
                || (present != null && present.getIdLong() == channelId);
        if (there) {
            audio.closeAudioConnection();
        }
        budget.left(shardId(guildId), guildId, there);
        return there;
    }

    @Override
    public boolean channelExists(long guildId, long channelId) {
        Guild guild = discord.guild(guildId).orElse(null);
        if (guild != null && guild.getGuildChannelById(channelId) != null) {
            return true;
        }
        try {
            rest.await(ChannelRest.fetch(shardFor(guildId), channelId), "fetch channel '" + channelId + "'");
            return true;
        } catch (DiscordActionException e) {
            return e.errorCode() != ErrorResponse.UNKNOWN_CHANNEL.getCode();
        }
    }

    @Override
    public void editMessage(long guildId, long channelId, long messageId, String content) {
        GuildMessageChannel channel = discord.shardFor(guildId)
                .map(shard -> shard.getChannelById(GuildMessageChannel.class, channelId))
                .orElse(null);
        if (channel == null) {
            log.info("Cannot edit message '{}': channel '{}' of guild '{}' is not available to the bot", messageId,
                    channelId, guildId);
            return;
        }
        try {
            channel.editMessageById(messageId, content)
                    .setAllowedMentions(List.of())
                    .mentionRepliedUser(false)
                    .queue(
                            edited -> log.debug("Edited message '{}' in channel '{}' of guild '{}'", messageId,
                                    channelId, guildId),
                            error -> log.warn("Cannot edit message '{}' in channel '{}' of guild '{}'", messageId,
                                    channelId, guildId, error));
        } catch (InsufficientPermissionException e) {
            log.warn("Cannot edit message '{}' in channel '{}' of guild '{}': the bot lacks {}", messageId, channelId,
                    guildId, e.getPermission().getName(), e);
        }
    }

    @Override
    public DeleteOutcome deleteChannel(long guildId, long channelId) {
        String reason = "Voice session ended";
        String what = "delete channel '" + channelId + "' of guild '" + guildId + "'";
        Guild guild = discord.guild(guildId).orElse(null);
        GuildChannel cached = guild == null ? null : guild.getGuildChannelById(channelId);
        try {
            if (cached != null) {
                rest.await(cached.delete().reason(reason), what);
            } else {
                rest.await(ChannelRest.delete(shardFor(guildId), channelId, reason), what);
            }
            return DeleteOutcome.DELETED;
        } catch (InsufficientPermissionException e) {
            log.warn("Cannot {}: the bot lacks {}", what, e.getPermission().getName(), e);
            return DeleteOutcome.NO_ACCESS;
        } catch (DiscordActionException e) {
            DeleteOutcome outcome = outcomeOf(e);
            if (outcome == DeleteOutcome.ALREADY_GONE && channelExists(guildId, channelId)) {
                // Unknown Channel, yet the cache or a fetch still shows it: do not take it as deleted.
                log.warn("Cannot {}: Discord answered Unknown Channel but the channel is still there", what, e);
                return DeleteOutcome.FAILED;
            }
            if (!outcome.gone()) {
                log.warn("Cannot {} ({})", what, outcome, e);
            }
            return outcome;
        }
    }

    static DeleteOutcome outcomeOf(DiscordActionException e) {
        int code = e.errorCode();
        if (code == ErrorResponse.UNKNOWN_CHANNEL.getCode()) {
            return DeleteOutcome.ALREADY_GONE;
        }
        if (e.isPermissionError() || code == ErrorResponse.UNKNOWN_GUILD.getCode()) {
            return DeleteOutcome.NO_ACCESS;
        }
        return DeleteOutcome.FAILED;
    }

    @Override
    public Set<Long> humansInChannel(long guildId, long channelId) {
        Guild guild = discord.guild(guildId).orElse(null);
        VoiceChannel channel = guild == null ? null : guild.getVoiceChannelById(channelId);
        if (channel == null) {
            return Set.of();
        }
        return channel.getMembers().stream()
                .filter(member -> !member.getUser().isBot())
                .map(Member::getIdLong)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public List<ChannelFacts> voiceChannels(long guildId) {
        Guild guild = discord.guild(guildId).orElse(null);
        if (guild == null) {
            return List.of();
        }
        return guild.getVoiceChannels().stream().map(JdaDiscordActions::facts).toList();
    }

    private static ChannelFacts facts(VoiceChannel channel) {
        Map<Long, ChannelFacts.Overwrite> overwrites = new HashMap<>();
        for (PermissionOverride override : channel.getPermissionOverrides()) {
            overwrites.put(
                    override.getIdLong(),
                    new ChannelFacts.Overwrite(
                            override.isMemberOverride(), override.getAllowedRaw(), override.getDeniedRaw()));
        }
        return new ChannelFacts(
                channel.getIdLong(),
                channel.getParentCategoryIdLong(),
                TimeUtil.getTimeCreated(channel.getIdLong()).toInstant(),
                overwrites);
    }

    private Guild requireGuild(long guildId) {
        Guild guild = discord.guild(guildId).orElse(null);
        if (guild == null) {
            throw new DiscordActionException(
                    "Guild '" + guildId + "' is not available to the bot",
                    ErrorResponse.UNKNOWN_GUILD.getCode(), Set.of(), false, null);
        }
        return guild;
    }

    /**
     * Waits, up to {@link #GATEWAY_WAIT}, until the guild's shard is connected (see there for why): returns at
     * once when it is, otherwise waits for JDA's {@link StatusChangeEvent} to CONNECTED. Returns {@code false}
     * when the shard is shutting down or the wait runs out.
     */
    private boolean awaitGateway(long guildId, String what) {
        JDA shard = shardFor(guildId);
        if (shard.getStatus() == JDA.Status.CONNECTED) {
            return true;
        }
        CompletableFuture<JDA.Status> settled = new CompletableFuture<>();
        EventListener listener = new EventListener() {
            @Override
            public void onEvent(GenericEvent event) {
                if (event instanceof StatusChangeEvent change && settles(change.getNewStatus())) {
                    settled.complete(change.getNewStatus());
                }
            }
        };
        shard.addEventListener(listener);
        try {
            // The status may have changed before the listener was in place.
            JDA.Status status = shard.getStatus();
            if (settles(status)) {
                settled.complete(status);
            } else {
                log.info("Waiting for shard '{}' to connect again (status {}) before it can {}",
                        shard.getShardInfo().getShardId(), status, what);
            }
            JDA.Status result = settled.get(GATEWAY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (result != JDA.Status.CONNECTED) {
                log.warn("Shard '{}' is not connected (status {}); cannot {}", shard.getShardInfo().getShardId(),
                        result, what);
                return false;
            }
            return true;
        } catch (TimeoutException e) {
            log.warn("Shard '{}' did not connect within {} ms (status {}); cannot {}",
                    shard.getShardInfo().getShardId(), GATEWAY_WAIT.toMillis(), shard.getStatus(), what);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while waiting for shard '{}' before it could {}",
                    shard.getShardInfo().getShardId(), what, e);
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("The gateway wait never fails", e);
        } finally {
            shard.removeEventListener(listener);
        }
    }

    private static boolean settles(JDA.Status status) {
        return status == JDA.Status.CONNECTED || status == JDA.Status.SHUTTING_DOWN
                || status == JDA.Status.SHUTDOWN || status == JDA.Status.FAILED_TO_LOGIN;
    }

    private int shardId(long guildId) {
        return shardFor(guildId).getShardInfo().getShardId();
    }

    private JDA shardFor(long guildId) {
        return discord.shardFor(guildId).orElseGet(discord::anyShard);
    }

    private JDA anyShard() {
        return discord.anyShard();
    }
}

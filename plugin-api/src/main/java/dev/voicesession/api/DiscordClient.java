package dev.voicesession.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.sharding.ShardManager;

/**
 * The bot's connection to Discord as a plugin sees it: one {@link JDA} or the shards of a {@link
 * ShardManager}, whichever the bot runs.
 *
 * <p>A bot that runs some of its shards in this process (a shard range) sees only those here: {@link
 * #shardFor(long)} and {@link #guild(long)} are empty for a guild that another process serves, and a
 * plugin leaves such guilds alone.
 *
 * <p>The host builds this view over the operator's client; plugins and tests may build one with {@link
 * #of(JDA)} or {@link #of(ShardManager)}.
 */
public interface DiscordClient {

    /**
     * Returns the shards this process runs, in shard id order; a single {@link JDA} is one shard.
     *
     * @return an unmodifiable list, empty only before the client has started
     */
    List<JDA> shards();

    /**
     * Returns the total number of shards of the bot across all processes.
     *
     * @return the total, 1 for a bot without sharding
     */
    int shardsTotal();

    /**
     * Returns the shard of this process that serves a guild, by Discord's rule {@code (guild_id >> 22) %
     * shards_total}.
     *
     * @param guildId the guild
     * @return the shard, or empty when another process runs it
     */
    Optional<JDA> shardFor(long guildId);

    /**
     * Returns a guild from the cache of the shard that serves it.
     *
     * @param guildId the guild
     * @return the guild, or empty when the bot is not in it, the guild is not yet ready, or another
     *     process serves it
     */
    default Optional<Guild> guild(long guildId) {
        return shardFor(guildId).map(shard -> shard.getGuildById(guildId));
    }

    /**
     * Tells whether this process serves a guild, whether or not the bot is in it now.
     *
     * @param guildId the guild
     * @return {@code true} if the guild's shard runs in this process
     */
    default boolean servesGuild(long guildId) {
        return shardFor(guildId).isPresent();
    }

    /**
     * Returns every guild in the caches of this process's shards.
     *
     * @return a new list
     */
    default List<Guild> guilds() {
        return shards().stream().flatMap(shard -> shard.getGuildCache().stream()).toList();
    }

    /**
     * Returns a shard for calls that do not concern one guild, such as fetching a user.
     *
     * @return the first shard
     * @throws IllegalStateException if the client has no shard
     */
    default JDA anyShard() {
        List<JDA> shards = shards();
        if (shards.isEmpty()) {
            throw new IllegalStateException("The Discord client has no shard");
        }
        return shards.getFirst();
    }

    /**
     * Returns the bot's own user id.
     *
     * @return the id of the bot's user
     */
    default long selfUserId() {
        return anyShard().getSelfUser().getIdLong();
    }

    /**
     * Views a single JDA client, sharded or not. A JDA built with {@code useSharding(id, total)} serves
     * only its own shard's guilds.
     *
     * @param jda the client
     * @return the view
     */
    static DiscordClient of(JDA jda) {
        Objects.requireNonNull(jda, "jda");
        return new DiscordClient() {
            @Override
            public List<JDA> shards() {
                return List.of(jda);
            }

            @Override
            public int shardsTotal() {
                return jda.getShardInfo().getShardTotal();
            }

            @Override
            public Optional<JDA> shardFor(long guildId) {
                JDA.ShardInfo info = jda.getShardInfo();
                return shardId(guildId, info.getShardTotal()) == info.getShardId() ? Optional.of(jda) : Optional.empty();
            }
        };
    }

    /**
     * Views the shards of a shard manager. A manager that runs a range of the bot's shards serves only
     * the guilds of those shards.
     *
     * @param shardManager the shard manager
     * @return the view
     */
    static DiscordClient of(ShardManager shardManager) {
        Objects.requireNonNull(shardManager, "shardManager");
        return new DiscordClient() {
            @Override
            public List<JDA> shards() {
                return shardManager.getShardCache().stream()
                        .sorted(java.util.Comparator.comparingInt(shard -> shard.getShardInfo().getShardId()))
                        .toList();
            }

            @Override
            public int shardsTotal() {
                return shardManager.getShardsTotal();
            }

            @Override
            public Optional<JDA> shardFor(long guildId) {
                int total = shardManager.getShardsTotal();
                return total <= 0
                        ? Optional.empty()
                        : Optional.ofNullable(shardManager.getShardById(shardId(guildId, total)));
            }
        };
    }

    /**
     * Computes the shard that serves a guild, as Discord does.
     *
     * @param guildId the guild
     * @param shardsTotal the bot's total number of shards, at least 1
     * @return the shard id
     */
    static int shardId(long guildId, int shardsTotal) {
        return (int) ((guildId >>> 22) % Math.max(1, shardsTotal));
    }
}

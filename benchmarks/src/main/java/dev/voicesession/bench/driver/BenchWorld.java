package dev.voicesession.bench.driver;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.gateway.IdentifyLimit;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.rest.RateLimitConfig;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One emulator for one benchmark phase, seeded before the host connects: {@code guilds} guilds, each with a
 * category {@code Voice} for session channels, a text channel {@code general} and {@code users} members, created
 * a millisecond apart so that they spread evenly over a sharded bot's shards.
 */
public final class BenchWorld implements AutoCloseable {
    private final DiscordEmulator emulator;
    private final EmulatorControl control;
    private final Traffic traffic;
    private final List<GuildSlot> guilds;
    private final RateLimitMode rateLimitMode;
    private final RateLimitConfig rateLimitConfig;

    /**
     * A seeded guild.
     *
     * @param index its position in the world
     * @param guildId the guild
     * @param categoryId the category session channels go into
     * @param textId the text channel users type commands in
     * @param users the members' user ids
     */
    public record GuildSlot(int index, long guildId, long categoryId, long textId, List<Long> users) {}

    private BenchWorld(DiscordEmulator emulator, List<GuildSlot> guilds, RateLimitMode mode, RateLimitConfig limits) {
        this.emulator = emulator;
        this.control = emulator.control();
        this.guilds = guilds;
        this.rateLimitMode = mode;
        this.rateLimitConfig = limits;
        this.traffic = Traffic.attach(control);
    }

    /** Starts an emulator with the given rate limits and seeds it. */
    public static BenchWorld start(RateLimitMode mode, int guildCount, int usersPerGuild) {
        return start(mode, null, 1, guildCount, usersPerGuild);
    }

    /**
     * Starts an emulator with the given rate limits and identify limit and seeds it.
     *
     * @param mode the REST and gateway rate limits
     * @param identifyLimit the gateway's identify limit, or null for the emulator's default for {@code mode}
     * @param shards the bot's shard count: guild {@code g} gets an id on shard {@code g % shards}
     * @param guildCount guilds to create
     * @param usersPerGuild members per guild
     * @return the world
     */
    public static BenchWorld start(RateLimitMode mode, IdentifyLimit identifyLimit, int shards, int guildCount,
            int usersPerGuild) {
        RateLimitConfig limits = RateLimitConfig.discord();
        DiscordEmulator.Builder builder = DiscordEmulator.builder()
                .rateLimits(mode)
                .rateLimitConfig(limits)
                .logCapacity(1_000)
                .trafficLogCapacity(1_000);
        if (identifyLimit != null) {
            builder.identifyLimit(identifyLimit);
        }
        DiscordEmulator emulator = builder.build().start();
        EmulatorControl control = emulator.control();
        List<GuildSlot> guilds = new ArrayList<>();
        for (int g = 0; g < guildCount; g++) {
            Guild guild = control.createGuildOnShard("bench-" + g, g % shards, shards);
            Channel category = control.createCategory(guild.id(), "Voice");
            Channel text = control.createTextChannel(guild.id(), "general");
            List<Long> users = new ArrayList<>();
            for (int u = 0; u < usersPerGuild; u++) {
                users.add(control.addMember(guild.id(), "user-" + g + "-" + u).userId());
            }
            guilds.add(new GuildSlot(g, guild.id(), category.id(), text.id(), List.copyOf(users)));
        }
        return new BenchWorld(emulator, List.copyOf(guilds), mode, limits);
    }

    /** Writes the voice server's certificate for the host's {@code discord.trustCertificate}. */
    public void writeCertificate(Path file) {
        emulator.voiceServer().writeCertificatePem(file);
    }

    public DiscordEmulator emulator() {
        return emulator;
    }

    public EmulatorControl control() {
        return control;
    }

    public Traffic traffic() {
        return traffic;
    }

    public List<GuildSlot> guilds() {
        return guilds;
    }

    public RateLimitMode rateLimitMode() {
        return rateLimitMode;
    }

    public RateLimitConfig rateLimitConfig() {
        return rateLimitConfig;
    }

    @Override
    public void close() {
        emulator.close();
    }
}

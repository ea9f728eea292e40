package dev.voicesession.host.jda;

import club.minnced.discord.jdave.interop.JDaveSessionFactory;
import com.neovisionaries.ws.client.WebSocketFactory;
import dev.voicesession.host.config.DiscordSettings;
import dev.voicesession.host.db.IdentifyBuckets;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.dv8tion.jda.api.audio.AudioModuleConfig;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import okhttp3.OkHttpClient;

/**
 * Configures JDA's {@link DefaultShardManagerBuilder} from the {@code discord} section: intents, cache,
 * DAVE, shards, IDENTIFY coordinated with the bot's other processes, REST requests paced below this process's
 * share of Discord's global limit, and the URLs and certificate that point the bot at the emulator instead of
 * Discord.
 */
public final class JdaSetup {

    /**
     * The gateway intents: guild messages and their content for prefix commands, voice states for
     * voice sessions, and direct messages so that a guild-only command sent there gets a refusal.
     */
    public static final Set<GatewayIntent> INTENTS = EnumSet.of(
            GatewayIntent.GUILD_MESSAGES,
            GatewayIntent.MESSAGE_CONTENT,
            GatewayIntent.GUILD_VOICE_STATES,
            GatewayIntent.DIRECT_MESSAGES);

    private JdaSetup() {}

    /**
     * Creates the builder. The host adds its listeners, the embedder's customizer runs last.
     *
     * @param settings the {@code discord} section, with a token
     * @param configSource the configuration file, for errors about the certificate
     * @param dave whether {@link DaveCheck} found libdave; if not, JDA keeps its pass-through DAVE
     *     session (no end-to-end encryption), which the emulator accepts and Discord refuses, instead of
     *     a jdave session that would fail on every voice connection
     * @param database the host's database, opened and migrated on the first call: a process that runs a range
     *     of the bot's shards coordinates IDENTIFY through it with the bot's other processes ({@link
     *     CoordinatedSessionController}); a process that runs all shards coordinates them in memory and writes
     *     nothing before its shards are ready
     * @param httpCustomizer adjusts the HTTP client builder after the host configured it
     * @return the configured builder
     */
    public static DefaultShardManagerBuilder builder(DiscordSettings settings, String configSource, boolean dave,
            Supplier<DataSource> database, Consumer<OkHttpClient.Builder> httpCustomizer) {
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(settings.token(), INTENTS)
                .enableCache(CacheFlag.VOICE_STATE, CacheFlag.MEMBER_OVERRIDES)
                .setMemberCachePolicy(MemberCachePolicy.DEFAULT)
                .setRestConfig(new RestConfig().setBaseUrl(settings.restUrl()))
                .setEnableShutdownHook(false)
                .setShardsTotal(settings.shardsTotal());
        if (dave) {
            builder.setAudioModuleConfig(new AudioModuleConfig().withDaveSessionFactory(new JDaveSessionFactory()));
        }
        settings.shardRange().ifPresent(range -> builder.setShards(range.first(), range.last()));
        Supplier<IdentifyBuckets> buckets = settings.shardRange().isPresent()
                ? () -> IdentifyBuckets.over(database.get())
                : IdentifyBuckets::inMemory;
        builder.setSessionController(
                new CoordinatedSessionController(buckets, settings.gatewayUrl(), settings.identifyInterval()));
        OkHttpClient.Builder http = new OkHttpClient.Builder();
        if (settings.globalRateLimit() > 0) {
            int total = Math.max(1, settings.shardsTotal());
            int here = settings.shardRange().map(range -> range.last() - range.first() + 1).orElse(total);
            http.addInterceptor(GlobalRequestPacer.forShare(settings.globalRateLimit(), here, total));
        }
        settings.trustCertificate().ifPresent(pem -> {
            TrustedCertificate trusted = TrustedCertificate.load(pem, configSource);
            builder.setWebsocketFactory(new WebSocketFactory().setSSLContext(trusted.sslContext()));
            http.sslSocketFactory(trusted.sslContext().getSocketFactory(), trusted.trustManager());
        });
        httpCustomizer.accept(http);
        builder.setHttpClientBuilder(http);
        return builder;
    }
}

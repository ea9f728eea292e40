package dev.voicesession.emulator.junit;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Starts a {@link DiscordEmulator} on free loopback ports and, optionally, a real JDA client connected to
 * it (waiting for READY and every guild). Registered on a static field it lives for the test class, on an
 * instance field for each test. When a test fails, the emulator's log lines from that test are printed.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmulatorExtension DISCORD = EmulatorExtension.withJda()
 *         .seed(control -> control.createGuild("test"));
 *
 * @Test
 * void bot_sees_the_guild() {
 *     assertThat(DISCORD.jda().getGuilds()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>The JDA client uses the intents GUILD_MESSAGES, MESSAGE_CONTENT and GUILD_VOICE_STATES and the cache
 * flag VOICE_STATE unless changed with {@link #intents} and {@link #jda}.
 */
public final class EmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, TestWatcher, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            EmulatorExtension.class);

    private final boolean withJda;
    private RateLimitMode rateLimitMode = RateLimitMode.DISCORD;
    private boolean voice = true;
    private Consumer<EmulatorControl> seed = control -> { };
    private EnumSet<GatewayIntent> intents = EnumSet.of(
            GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT, GatewayIntent.GUILD_VOICE_STATES);
    private UnaryOperator<JDABuilder> customizer = UnaryOperator.identity();
    private UnaryOperator<DiscordEmulator.Builder> emulatorCustomizer = UnaryOperator.identity();
    private DiscordEmulator emulator;
    private JDA jda;
    private boolean perTest;

    private EmulatorExtension(boolean withJda) {
        this.withJda = withJda;
    }

    /** An emulator and a JDA client connected to it. */
    public static EmulatorExtension withJda() {
        return new EmulatorExtension(true);
    }

    /** An emulator only. */
    public static EmulatorExtension emulatorOnly() {
        return new EmulatorExtension(false);
    }

    /** Rate limit mode of the emulator (default {@link RateLimitMode#DISCORD}). */
    public EmulatorExtension rateLimits(RateLimitMode mode) {
        this.rateLimitMode = mode;
        return this;
    }

    /** Whether to start the voice server (default true). */
    public EmulatorExtension voice(boolean enabled) {
        this.voice = enabled;
        return this;
    }

    /** Guilds, members and channels to create before JDA connects. */
    public EmulatorExtension seed(Consumer<EmulatorControl> seeding) {
        this.seed = seeding;
        return this;
    }

    /** The gateway intents of the JDA client. */
    public EmulatorExtension intents(GatewayIntent... newIntents) {
        this.intents = newIntents.length == 0 ? EnumSet.noneOf(GatewayIntent.class) : EnumSet.copyOf(List.of(newIntents));
        return this;
    }

    /** Further settings of the JDA builder (applied after the emulator's). */
    public EmulatorExtension jda(UnaryOperator<JDABuilder> jdaCustomizer) {
        this.customizer = jdaCustomizer;
        return this;
    }

    /** Further settings of the emulator builder. */
    public EmulatorExtension emulator(UnaryOperator<DiscordEmulator.Builder> builderCustomizer) {
        this.emulatorCustomizer = builderCustomizer;
        return this;
    }

    /** The running emulator. */
    public DiscordEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("The emulator is not running outside of tests");
        }
        return emulator;
    }

    /** The emulator's control API. */
    public EmulatorControl control() {
        return emulator().control();
    }

    /** The connected JDA client. */
    public JDA jda() {
        if (jda == null) {
            throw new IllegalStateException("No JDA client: use EmulatorExtension.withJda()");
        }
        return jda;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws InterruptedException {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws InterruptedException {
        if (emulator == null) {
            perTest = true;
            start();
        }
        context.getStore(NAMESPACE).put("mark", emulator.log().mark());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        DiscordEmulator running = emulator;
        if (running == null) {
            return;
        }
        Long mark = context.getStore(NAMESPACE).get("mark", Long.class);
        List<String> lines = running.log().linesSince(mark == null ? 0 : mark);
        StringBuilder out = new StringBuilder();
        out.append("---- Discord emulator log for ").append(context.getDisplayName()).append(" ----")
                .append(System.lineSeparator());
        lines.forEach(line -> out.append(line).append(System.lineSeparator()));
        out.append("---- end of emulator log ----");
        System.out.println(out);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DiscordEmulator.class || type == EmulatorControl.class || (type == JDA.class && withJda);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == DiscordEmulator.class) {
            return emulator();
        }
        if (type == EmulatorControl.class) {
            return control();
        }
        return jda();
    }

    private void start() throws InterruptedException {
        emulator = emulatorCustomizer.apply(DiscordEmulator.builder().rateLimits(rateLimitMode).voice(voice))
                .build()
                .start();
        seed.accept(emulator.control());
        if (withJda) {
            EnumSet<CacheFlag> unusable = EnumSet.noneOf(CacheFlag.class);
            for (CacheFlag flag : CacheFlag.values()) {
                if (flag.getRequiredIntent() != null && !intents.contains(flag.getRequiredIntent())) {
                    unusable.add(flag);
                }
            }
            JDABuilder builder = EmulatorClients.configure(JDABuilder.create(emulator.botToken(), intents), emulator)
                    .disableCache(unusable);
            if (!unusable.contains(CacheFlag.VOICE_STATE)) {
                builder.enableCache(CacheFlag.VOICE_STATE);
            }
            jda = customizer.apply(builder).build();
            jda.awaitReady();
        }
    }

    private void stop() {
        if (jda != null) {
            jda.shutdownNow();
            try {
                jda.awaitShutdown(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            jda = null;
        }
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }
}

package dev.voicesession.emulator;

import dev.voicesession.emulator.console.EmulatorConsole;
import dev.voicesession.emulator.control.ControlHttpApi;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.core.EmulatorState;
import dev.voicesession.emulator.core.EventTap;
import dev.voicesession.emulator.core.Services;
import dev.voicesession.emulator.core.VoiceBackend;
import dev.voicesession.emulator.gateway.DispatchLog;
import dev.voicesession.emulator.gateway.GatewayRateLimit;
import dev.voicesession.emulator.gateway.GatewayServer;
import dev.voicesession.emulator.gateway.IdentifyLimit;
import dev.voicesession.emulator.gateway.IdentifyLimiter;
import dev.voicesession.emulator.log.EmulatorLog;
import dev.voicesession.emulator.model.User;
import dev.voicesession.emulator.rest.DiscordRoutes;
import dev.voicesession.emulator.rest.Faults;
import dev.voicesession.emulator.rest.RateLimitConfig;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.rest.RateLimiter;
import dev.voicesession.emulator.rest.RequestLog;
import dev.voicesession.emulator.rest.RestServer;
import dev.voicesession.emulator.voice.VoiceServer;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Discord that the real JDA 6 client connects to: REST under {@code /api/v10/}, the gateway
 * websocket, the control API under {@code /control}, the web console under {@code /console/}, all on one
 * loopback port, plus a voice server.
 *
 * <pre>{@code
 * try (DiscordEmulator emulator = DiscordEmulator.builder().rateLimits(RateLimitMode.OFF).build().start()) {
 *     Guild guild = emulator.control().createGuild("test");
 *     JDA jda = EmulatorClients.configure(JDABuilder.createDefault(emulator.botToken()), emulator).build();
 * }
 * }</pre>
 */
public final class DiscordEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordEmulator.class);

    private final Builder settings;
    private final EmulatorLog log;
    private final EmulatorState state;
    private final Faults faults = new Faults();
    private final RequestLog requestLog;
    private final DispatchLog dispatchLog;
    private volatile Javalin app;
    private volatile VoiceServer voiceServer;
    private volatile EmulatorControl control;
    private volatile EmulatorConsole console;
    private volatile int port;
    private volatile GatewayRateLimit gatewayRateLimit;
    private volatile IdentifyLimiter identifyLimiter;

    private DiscordEmulator(Builder settings) {
        this.settings = settings;
        this.log = new EmulatorLog(settings.logCapacity);
        this.requestLog = new RequestLog(settings.trafficLogCapacity);
        this.dispatchLog = new DispatchLog(settings.trafficLogCapacity);
        this.state = new EmulatorState(settings.botName, EmulatorState.newToken());
    }

    /** A builder with Discord-like rate limits, a voice server and a 41.25 s heartbeat interval. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and the voice server and starts serving; returns this emulator. */
    public synchronized DiscordEmulator start() {
        if (app != null) {
            throw new EmulatorException("The emulator is already started on port " + port);
        }
        long started = System.nanoTime();
        GatewayServer gateway = new GatewayServer(log, settings.heartbeatInterval, this::gatewayUrl, dispatchLog);
        gateway.rateLimit(settings.gatewayRateLimit);
        gatewayRateLimit = settings.gatewayRateLimit;
        // Discord's identify limit unless rate limits are off; a limit set on the builder is always enforced
        identifyLimiter = new IdentifyLimiter(settings.identifyLimit != null ? settings.identifyLimit
                : IdentifyLimit.discord(), settings.identifyLimit != null || settings.rateLimitMode != RateLimitMode.OFF);
        gateway.identifyLimiter(identifyLimiter);
        VoiceBackend voice = new NoVoiceBackend();
        if (settings.voice) {
            voiceServer = VoiceServer.start();
            voice = new VoiceServerBackend(voiceServer);
        }
        EventTap events = new EventTap(gateway.events());
        Services services = Services.create(state, events, voice);
        gateway.bind(services);
        RateLimiter limiter = new RateLimiter(settings.rateLimitMode, settings.rateLimitConfig);
        RestServer rest = new RestServer(DiscordRoutes.create(services, this::gatewayUrl, identifyLimiter),
                state::botToken, limiter, faults, requestLog, log);
        control = new EmulatorControl(services, gateway, voiceServer, faults, requestLog);
        ControlHttpApi controlApi = new ControlHttpApi(control);
        console = new EmulatorConsole(control, events, requestLog, voiceServer);
        try {
            app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.jetty.modifyWebSocketServletFactory(f -> f.setIdleTimeout(Duration.ofMinutes(10)));
                for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
                        HandlerType.PATCH, HandlerType.DELETE)) {
                    config.routes.addHttpHandler(method, RestServer.PREFIX + "<path>", rest::handle);
                }
                config.routes.ws("/gateway", gateway::configure);
                controlApi.register(config.routes);
                console.register(config.routes);
                config.events.serverStopping(console::close);
                config.events.serverStopping(gateway::close);
            }).start("127.0.0.1", settings.port);
        } catch (RuntimeException e) {
            closeVoice();
            throw new EmulatorException("Could not start the emulator on 127.0.0.1:" + settings.port, e);
        }
        port = app.port();
        log.add(LOG, "Discord emulator started on 127.0.0.1:{} in {} ms (bot '{}', id '{}')", port,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), state.bot().username(), state.bot().id());
        return this;
    }

    /** The gateway's limit on payloads a client sends, with the record of what clients sent (after start). */
    public GatewayRateLimit gatewayRateLimit() {
        return gatewayRateLimit;
    }

    /**
     * The gateway's identify limit (buckets of {@code max_concurrency}, the window, session starts), with the
     * record of every IDENTIFY it judged (after start).
     */
    public IdentifyLimiter identifyLimiter() {
        if (identifyLimiter == null) {
            throw new EmulatorException("The emulator is not started");
        }
        return identifyLimiter;
    }

    /** The REST base URL for JDA's {@code RestConfig}, ending in {@code /api/v10/}. */
    public String restBaseUrl() {
        return "http://127.0.0.1:" + requirePort() + RestServer.PREFIX;
    }

    /** The gateway URL ({@code ws://}), as {@code GET gateway/bot} returns it. */
    public String gatewayUrl() {
        return "ws://127.0.0.1:" + requirePort() + "/gateway";
    }

    /** The base URL of the HTTP control API, ending in {@code /control/}. */
    public String controlUrl() {
        return "http://127.0.0.1:" + requirePort() + "/control/";
    }

    /** The URL of the web console, ending in {@code /console/}. */
    public String consoleUrl() {
        return "http://127.0.0.1:" + requirePort() + EmulatorConsole.PATH;
    }

    /** The port REST, gateway, control API and web console share. */
    public int port() {
        return requirePort();
    }

    /** The bot's token, without the {@code Bot } prefix: a new one after the session start limit was exceeded. */
    public String botToken() {
        return state.botToken();
    }

    /** The bot user (its id is also the application id). */
    public User bot() {
        return state.bot();
    }

    /** The control API. */
    public EmulatorControl control() {
        if (control == null) {
            throw new EmulatorException("The emulator is not started");
        }
        return control;
    }

    /** The web console, to attach a {@link dev.voicesession.emulator.console.ConsoleHost} to. */
    public EmulatorConsole console() {
        if (console == null) {
            throw new EmulatorException("The emulator is not started");
        }
        return console;
    }

    /** REST fault injection (same as {@code control().faults()}). */
    public Faults faults() {
        return faults;
    }

    /** The emulated voice server, or {@code null} if built with {@code voice(false)}. */
    public VoiceServer voiceServer() {
        return voiceServer;
    }

    /** An SSLContext that trusts the voice server's self-signed certificate (JDA always uses wss for voice). */
    public SSLContext voiceClientSslContext() {
        return voiceServer == null ? null : voiceServer.clientSslContext();
    }

    /** This emulator's in-memory log. */
    public EmulatorLog log() {
        return log;
    }

    /** Stops serving and closes every connection. */
    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
            log.add(LOG, "Discord emulator on port {} stopped", port);
        }
        closeVoice();
    }

    private void closeVoice() {
        if (voiceServer != null) {
            voiceServer.close();
            voiceServer = null;
        }
    }

    private int requirePort() {
        if (port == 0) {
            throw new EmulatorException("The emulator is not started");
        }
        return port;
    }

    /** Settings of an emulator. */
    public static final class Builder {
        private RateLimitMode rateLimitMode = RateLimitMode.DISCORD;
        private RateLimitConfig rateLimitConfig = RateLimitConfig.discord();
        private Duration heartbeatInterval = Duration.ofMillis(41_250);
        private GatewayRateLimit gatewayRateLimit = GatewayRateLimit.discord();
        private IdentifyLimit identifyLimit;
        private String botName = "voice-bot";
        private boolean voice = true;
        private int port;
        private int logCapacity = 5_000;
        private int trafficLogCapacity = RequestLog.DEFAULT_CAPACITY;

        private Builder() {}

        /**
         * Rate limits: {@link RateLimitMode#DISCORD} (default) or {@link RateLimitMode#OFF}. They are REST's and,
         * unless {@link #identifyLimit(IdentifyLimit)} sets one, the gateway's identify limit: with {@code OFF}
         * every IDENTIFY is accepted.
         */
        public Builder rateLimits(RateLimitMode mode) {
            this.rateLimitMode = mode;
            return this;
        }

        /** Bucket sizes for {@link RateLimitMode#DISCORD}. */
        public Builder rateLimitConfig(RateLimitConfig config) {
            this.rateLimitConfig = config;
            return this;
        }

        /** The heartbeat interval sent in HELLO. */
        public Builder heartbeatInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("The heartbeat interval must be positive, was " + interval);
            }
            this.heartbeatInterval = interval;
            return this;
        }

        /**
         * The gateway's limit on payloads per connection: Discord's 120 per 60 s by default; a test can shorten
         * the window. A client over it is closed with 4008.
         */
        public Builder gatewayRateLimit(int events, Duration window) {
            this.gatewayRateLimit = new GatewayRateLimit(events, window);
            return this;
        }

        /**
         * The identify limit, enforced whatever the rate limit mode. Without it: Discord's ({@code
         * max_concurrency} 1, one IDENTIFY per bucket per 5 s, 1000 session starts a day), enforced unless rate
         * limits are {@link RateLimitMode#OFF}. A test can raise {@code max_concurrency} or shorten the window.
         */
        public Builder identifyLimit(IdentifyLimit limit) {
            this.identifyLimit = Objects.requireNonNull(limit, "limit");
            return this;
        }

        /** The bot's user name. */
        public Builder botName(String name) {
            this.botName = name;
            return this;
        }

        /** Whether to start the voice server (default true). */
        public Builder voice(boolean enabled) {
            this.voice = enabled;
            return this;
        }

        /** A fixed port instead of a free one (0). */
        public Builder port(int fixedPort) {
            if (fixedPort < 0 || fixedPort > 65_535) {
                throw new IllegalArgumentException("Port must be 0..65535, was " + fixedPort);
            }
            this.port = fixedPort;
            return this;
        }

        /** How many lines the in-memory log keeps. */
        public Builder logCapacity(int lines) {
            this.logCapacity = lines;
            return this;
        }

        /** How many REST requests and how many gateway dispatches the request and dispatch logs keep (20,000 each). */
        public Builder trafficLogCapacity(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("The traffic log capacity must be positive, was " + entries);
            }
            this.trafficLogCapacity = entries;
            return this;
        }

        /** Creates the emulator (not started). */
        public DiscordEmulator build() {
            return new DiscordEmulator(this);
        }
    }
}

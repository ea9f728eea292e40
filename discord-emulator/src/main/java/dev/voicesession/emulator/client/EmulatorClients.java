package dev.voicesession.emulator.client;

import com.neovisionaries.ws.client.WebSocketFactory;
import dev.voicesession.emulator.DiscordEmulator;
import javax.net.ssl.SSLContext;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;

/**
 * Points a JDA builder at an emulator: REST base URL, gateway URL (through a session controller), and a
 * websocket factory that trusts the emulator's voice server certificate, since JDA always uses wss for
 * voice. Only code that calls these methods trusts that certificate.
 */
public final class EmulatorClients {
    private EmulatorClients() {}

    /** Configures a {@link JDABuilder} for the emulator and returns it. */
    public static JDABuilder configure(JDABuilder builder, DiscordEmulator emulator) {
        return builder.setRestConfig(restConfig(emulator))
                .setSessionController(new EmulatorSessionController(emulator))
                .setWebsocketFactory(websocketFactory(emulator));
    }

    /** Configures a {@link DefaultShardManagerBuilder} for the emulator and returns it. */
    public static DefaultShardManagerBuilder configure(DefaultShardManagerBuilder builder, DiscordEmulator emulator) {
        return builder.setRestConfig(restConfig(emulator))
                .setSessionController(new EmulatorSessionController(emulator))
                .setWebsocketFactory(websocketFactory(emulator));
    }

    /** A REST config whose base URL is the emulator's. */
    public static RestConfig restConfig(DiscordEmulator emulator) {
        return new RestConfig().setBaseUrl(emulator.restBaseUrl());
    }

    /** A websocket factory trusting the emulator's voice server (plain JDA defaults if voice is off). */
    public static WebSocketFactory websocketFactory(DiscordEmulator emulator) {
        WebSocketFactory factory = new WebSocketFactory();
        SSLContext voiceContext = emulator.voiceClientSslContext();
        if (voiceContext != null) {
            factory.setSSLContext(voiceContext);
        }
        return factory;
    }
}

package dev.voicesession.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.neovisionaries.ws.client.WebSocketFactory;
import dev.voicesession.emulator.support.Http;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.audio.AudioModuleConfig;
import net.dv8tion.jda.api.audio.dave.PassthroughDaveSessionFactory;
import net.dv8tion.jda.api.audio.hooks.ConnectionListener;
import net.dv8tion.jda.api.audio.hooks.ConnectionStatus;
import net.dv8tion.jda.api.entities.channel.concrete.VoiceChannel;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EmulatorMain} in a child JVM, as an operator runs it: it logs at INFO (no DEBUG flood), writes the voice
 * server's certificate with {@code --write-cert}, and a JDA bot in this process connects to it with only what
 * docs/emulator.md tells (base URL, gateway URL, the certificate), using no emulator class.
 */
class StandaloneProcessTest {
    private static final Duration START = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private JDA jda;

    @AfterEach
    void stop() throws InterruptedException {
        if (jda != null) {
            jda.shutdownNow();
            jda.awaitShutdown(Duration.ofSeconds(10));
        }
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }

    @Test
    @DisplayName("a standalone emulator logs at INFO, writes its certificate, serves --max-concurrency, and a JDA bot"
            + " in another process joins voice")
    void bot_in_another_process_connects() throws Exception {
        Path certificate = dir.resolve("voice-cert.pem");
        start("--rate-limits", "off", "--write-cert", certificate.toString(), "--max-concurrency", "4",
                "--identify-window-ms", "100");
        await().atMost(START).until(() -> line("  Seeded guild") != null);
        String restBase = value("REST base URL");
        String gateway = value("Gateway URL");
        String token = value("Bot token");
        Matcher seeded = Pattern.compile("voice '(\\d+)'").matcher(line("  Seeded guild"));
        assertThat(seeded.find()).isTrue();
        assertThat(Files.readString(certificate)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Http.json(new Http(token).send("GET", restBase + "gateway/bot", null))
                .path("session_start_limit").path("max_concurrency").asInt()).isEqualTo(4);

        List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
        jda = JDABuilder.createLight(token, GatewayIntent.GUILD_VOICE_STATES)
                .setRestConfig(new RestConfig().setBaseUrl(restBase))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setWebsocketFactory(new WebSocketFactory().setSSLContext(trusting(certificate)))
                .setAudioModuleConfig(new AudioModuleConfig()
                        .withDaveSessionFactory(new PassthroughDaveSessionFactory()))
                .build()
                .awaitReady();
        VoiceChannel lobby = jda.getVoiceChannelById(seeded.group(1));
        assertThat(lobby).isNotNull();
        var audio = lobby.getGuild().getAudioManager();
        audio.setConnectionListener(new ConnectionListener() {
            @Override
            public void onStatusChange(ConnectionStatus status) {
                statuses.add(status);
            }
        });
        audio.openAudioConnection(lobby);

        await().atMost(Duration.ofSeconds(20)).until(() -> statuses.contains(ConnectionStatus.CONNECTED));
        assertThat(output).as("no DEBUG lines in a standalone run").noneMatch(l -> l.contains(" DEBUG "));
        assertThat(output).as("INFO is on").anyMatch(l -> l.contains(" INFO "));
    }

    @Test
    @DisplayName("--log-level changes the level; a bad option is refused with the usage")
    void options() throws Exception {
        start("--no-seed", "--log-level", "debug");
        await().atMost(START).until(() -> output.stream().anyMatch(l -> l.contains(" DEBUG ")));
        process.destroy();
        process.waitFor();
        output.clear();
        start("--write-cert");
        assertThat(process.waitFor()).isNotZero();
        assertThat(String.join("\n", output)).contains("Option --write-cert needs a value", "--log-level LEVEL");
    }

    private void start(String... args) throws IOException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(java.io.File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, EmulatorMain.class.getName()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        InputStream in = process.getInputStream();
        Thread.ofVirtual().start(() -> {
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in))) {
                reader.lines().forEach(output::add);
            } catch (IOException e) {
                output.add("(output closed: " + e.getMessage() + ")");
            }
        });
    }

    private String line(String prefix) {
        return output.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
    }

    private String value(String label) {
        String line = line("  " + label + ":");
        return line.substring(line.indexOf(':') + 1).trim();
    }

    /** An SSLContext trusting one PEM certificate, with the JDK alone (what docs/emulator.md shows). */
    private static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        Certificate certificate;
        try (InputStream in = Files.newInputStream(pem)) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("discord-emulator-voice", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}

package dev.voicesession.voice.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.core.Permissions;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

/**
 * The voice plugin's seven checklist scenarios, clicked through the sandbox's web console in a real
 * headless Chromium: the same {@link Sandbox} that {@code java -jar sandbox.jar} (bin/run without a token) starts, with
 * the real host and the real plugin jar, and a join timeout of ten seconds. Every scenario leaves a
 * screenshot {@code console-<scenario>.png} in {@code target/screenshots/}; with
 * {@code -Dconsole.docs.images=<dir>} the ones {@code docs/getting-started.md} shows are also written
 * there (that is how {@code docs/images/} is made).
 */
@Isolated("the scenarios race a join timeout of a few seconds; other tests running alongside would slow them")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxConsoleBrowserIT {
    private static final String FULL = "Sandbox (full permissions)";
    private static final String LIMITED = "Sandbox (no Manage Channels)";
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);
    private static final String JOIN_ALICE = "Join #Voice-alice within " + JOIN_TIMEOUT.toSeconds() + " s.";
    private static final long VIEW_AND_CONNECT = Permissions.VIEW_CHANNEL | Permissions.CONNECT;

    @TempDir
    static Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private Sandbox sandbox;
    private EmulatorControl control;
    private HeadlessChromium browser;
    private ConsolePage page;
    private long fullGuild;
    private long limitedGuild;

    /** Keeps what the page showed when a scenario failed. */
    @RegisterExtension
    final TestWatcher failureScreenshots = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (page != null) {
                page.screenshot("failed-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeAll
    void startSandboxAndBrowser() throws IOException {
        HeadlessChromium.requireInstalled();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(Path.of(System.getProperty("voice.plugin.jar")), plugins.resolve("voice-plugin.jar"));
        sandbox = Sandbox.start(new PrintStream(printed, true, StandardCharsets.UTF_8));
        control = sandbox.emulator().control();
        fullGuild = guildId(FULL);
        limitedGuild = guildId(LIMITED);
        // The sandbox switches voice sessions on in its guilds itself. The join timeout is shortened, and
        // the cooldown between two starts by one user is off: the scenarios start sessions back to back.
        HostConfig config = ConfigLoader.parse("""
                database:
                  path: "%s"
                plugins:
                  dir: "%s"
                  voice:
                    timeout: %ds
                    startCooldown: 0s
                """.formatted(dir.resolve("bot.db"), plugins, JOIN_TIMEOUT.toSeconds()), "console-it.yml", Map.of());
        sandbox.startHost(config);
        browser = HeadlessChromium.start(1440, 900);
        page = new ConsolePage(browser.driver, screenshotDir(), docsImages());
        page.open(sandbox.emulator().consoleUrl());
        page.selectGuild(FULL);
        page.actAs("alice");
        page.selectTextChannel("general");
        page.waitFor(() -> page.hostStatus().equals("RUNNING"));
        page.docsScreenshot("0-console-ready");
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("1. '!voice' in a permitted guild: a channel only alice and the bot can see, the bot connected in it")
    void voiceStartsPrivateSession() {
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Console:     " + sandbox.emulator().consoleUrl());

        page.type("!voice");

        page.waitFor(() -> page.lastBotMessage().equals(JOIN_ALICE));
        assertThat(page.visibleTo("Voice-alice")).hasValue("visible to voice-bot, alice");
        page.waitFor(() -> page.botVoiceState().equals("CONNECTED"));
        assertThat(page.botVoiceText()).contains("in #Voice-alice");
        assertThat(page.inVoice("Voice-alice")).containsExactly("voice-bot");
        String session = activeSession("alice");
        page.waitFor(() -> page.timer(session).matches("join within \\d s"));
        Channel channel = channel(fullGuild, "Voice-alice").orElseThrow();
        assertThat(control.effectivePermissions(channel.id(), userId("alice")) & VIEW_AND_CONNECT)
                .isEqualTo(VIEW_AND_CONNECT);
        assertThat(control.effectivePermissions(channel.id(), control.bot().id()) & VIEW_AND_CONNECT)
                .isEqualTo(VIEW_AND_CONNECT);
        assertThat(control.effectivePermissions(channel.id(), userId("bob")) & Permissions.VIEW_CHANNEL).isZero();
        assertThat(page.sessionRow(session).orElseThrow())
                .containsEntry("channel_id", Long.toString(channel.id()))
                .containsEntry("ended_at", "NULL");
        page.docsScreenshot("1-voice-session-started");
    }

    @Test
    @Order(2)
    @DisplayName("3. joining within the timeout: the join timer is cancelled and the session is active")
    void joinInTimeCancelsTimer() {
        String session = activeSession("alice");

        page.joinVoice("Voice-alice");

        page.waitFor(() -> page.timer(session).equals("user joined: join timer cancelled, session active"));
        page.waitFor(() -> page.lastBotMessage().startsWith("Voice session active in #Voice-alice."));
        assertThat(page.lastBotMessageEdits()).isGreaterThanOrEqualTo(2);
        assertThat(page.inVoice("Voice-alice")).containsExactlyInAnyOrder("voice-bot", "alice");
        page.showTab("log");
        page.waitFor(() -> page.hostLog().stream().anyMatch(line -> line.contains("Join timer of session")
                && line.contains("(user '" + userId("alice") + "') cancelled")));
        page.showTab("sessions");
        assertThat(page.sessionRow(session).orElseThrow()).containsEntry("ended_at", "NULL");
        page.docsScreenshot("3-joined-within-timeout");
    }

    @Test
    @Order(3)
    @DisplayName("4. leaving after joining: the channel is deleted, the row ended and the bot disconnected")
    void leavingEndsSession() {
        String session = activeSession("alice");

        page.leaveVoice("Voice-alice");

        page.waitFor(() -> !page.hasChannel("Voice-alice"));
        page.waitFor(() -> ended(session, "user_left"));
        page.waitFor(() -> page.botVoiceState().equals("CLOSED"));
        assertThat(page.botVoiceText()).contains("not in voice");
        page.waitFor(() -> page.botMessages().contains("Voice session ended: you left the channel."));
        assertThat(control.voiceState(fullGuild, control.bot().id())).isEmpty();
        page.screenshot("4-left-session-ended");
    }

    @Test
    @Order(4)
    @DisplayName("2. not joining within the timeout: the channel is deleted, ended_at and end_reason are set")
    void timeoutEndsSession() {
        page.actAs("bob");
        // Guild reads answered before the bot's voice connection was up land after the feed reported it: the
        // countdown must still show (it did not, under load, before the views carried a version).
        page.delayGuildReads(Duration.ofMillis(600));
        try {
            page.type("!voice");

            page.waitFor(() -> page.lastBotMessage().equals("Join #Voice-bob within " + JOIN_TIMEOUT.toSeconds()
                    + " s."));
            String session = activeSession("bob");
            page.waitFor(() -> page.timer(session).matches("join within [1-8] s"));
            page.docsScreenshot("2-join-timer-counting-down");
            page.waitFor(() -> !page.hasChannel("Voice-bob"));
            page.waitFor(() -> ended(session, "timeout"));
            assertThat(page.sessionRow(session).orElseThrow().get("channel_deleted_at")).isNotEqualTo("NULL");
            page.waitFor(() -> page.botMessages().contains("Voice session ended: you did not join in time."));
            page.screenshot("2-join-timer-expired");
        } finally {
            page.undelayGuildReads();
        }
    }

    @Test
    @Order(5)
    @DisplayName("5. closing explicitly, with '!voice close' and with '/voice close'")
    void closeByCommandAndSlashCommand() {
        page.actAs("alice");

        page.type("!voice");
        page.waitFor(() -> page.botMessages().contains(JOIN_ALICE));
        String prefixSession = activeSession("alice");
        page.type("!voice close");
        page.waitFor(() -> ended(prefixSession, "closed"));
        page.waitFor(() -> !page.hasChannel("Voice-alice"));

        page.type("/voice start");
        page.waitFor(() -> page.botMessages().contains(JOIN_ALICE));
        String slashSession = activeSession("alice");
        assertThat(slashSession).isNotEqualTo(prefixSession);
        page.type("/voice close");
        page.waitFor(() -> ended(slashSession, "closed"));
        page.waitFor(() -> !page.hasChannel("Voice-alice"));
        page.waitFor(() -> page.botMessages().stream().filter("Voice session ended: you closed it."::equals).count()
                == 2);
        page.screenshot("5-closed-by-commands");
    }

    @Test
    @Order(6)
    @DisplayName("6. a crash and restart: the new host ends the orphaned session and deletes its channel")
    void restartReconcilesOrphans() {
        page.type("!voice");
        page.waitFor(() -> page.botMessages().contains(JOIN_ALICE));
        page.joinVoice("Voice-alice");
        String session = activeSession("alice");
        page.waitFor(() -> page.timer(session).startsWith("user joined"));
        long channelId = channel(fullGuild, "Voice-alice").orElseThrow().id();

        page.restartHost(false);

        page.waitFor(() -> page.hostStatus().equals("RUNNING") && !page.hasChannel("Voice-alice"));
        page.waitFor(() -> ended(session, "orphan"));
        assertThat(control.channel(channelId)).isEmpty();
        assertThat(control.voiceState(fullGuild, userId("alice"))).isEmpty();
        page.screenshot("6-restart-reconciled");
        page.showTab("log");
        page.waitFor(() -> page.hostLog().stream().anyMatch(l -> l.contains("Sandbox: starting the host again")));
        page.waitFor(() -> page.hostLog().stream().anyMatch(l -> l.contains("Reconciled row '" + session + "'")
                && l.contains("reason 'orphan'")));
        page.docsScreenshot("6-restart-host-log");
        page.showTab("sessions");
    }

    @Test
    @Order(7)
    @DisplayName("7. no Manage Channels: a reply naming it, no channel, no row, and the slot is free again")
    void missingManageChannels() {
        page.selectGuild(LIMITED);
        page.selectTextChannel("general");
        List<String> channelsBefore = channelNames(limitedGuild);

        page.type("!voice");

        page.waitFor(() -> page.lastBotMessage().startsWith("I cannot create your voice channel: I am missing"
                + " Manage Channels"));
        assertThat(channelNames(limitedGuild)).isEqualTo(channelsBefore);
        assertThat(page.sessionRows()).noneMatch(row -> row.get("guild_id").equals(Long.toString(limitedGuild)));
        page.docsScreenshot("7-missing-manage-channels");

        page.selectGuild(FULL);
        page.selectTextChannel("general");
        page.actAs("bob");
        page.type("!voice");
        page.waitFor(() -> page.lastBotMessage().startsWith("Join #Voice-bob within"));
        page.type("!voice close");
        page.waitFor(() -> ended(activeOrLatestSession("bob"), "closed"));
    }

    @Test
    @Order(8)
    @DisplayName("8. at 1280 px wide, with the sessions table full, every panel and both restart buttons are in view")
    void everyPanelVisibleAt1280() {
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        page.waitFor(() -> page.sessionRows().size() >= 3);
        List<String> panels = List.of("#guilds", "#sidebar", "#chat", "#inspector", "#inspector .panel:nth-of-type(1)",
                "#inspector .panel:nth-of-type(2)", "#inspector .panel:nth-of-type(3)", "#restart-clean",
                "#restart-crash", "#bottom", "#composer-send");

        assertThat(page.outOfView(panels)).isEmpty();
        page.screenshot("8-console-at-1280");
    }

    // ---- helpers over the page's table and the emulator's state

    private String activeSession(String userName) {
        String userId = Long.toString(userId(userName));
        page.waitFor(() -> page.sessionRows().stream()
                .anyMatch(r -> r.get("user_id").equals(userId) && r.get("ended_at").equals("NULL")));
        return page.sessionRows().stream()
                .filter(r -> r.get("user_id").equals(userId) && r.get("ended_at").equals("NULL"))
                .findFirst().orElseThrow().get("id");
    }

    private String activeOrLatestSession(String userName) {
        String userId = Long.toString(userId(userName));
        return page.sessionRows().stream().filter(r -> r.get("user_id").equals(userId)).findFirst()
                .orElseThrow().get("id");
    }

    private boolean ended(String session, String reason) {
        return page.sessionRow(session)
                .map(r -> !r.get("ended_at").equals("NULL") && reason.equals(r.get("end_reason")))
                .orElse(false);
    }

    private long guildId(String name) {
        return control.guilds().stream().filter(g -> g.name().equals(name)).findFirst().map(Guild::id)
                .orElseThrow();
    }

    private long userId(String name) {
        return control.members(fullGuild).stream()
                .filter(m -> control.user(m.userId()).orElseThrow().username().equals(name))
                .findFirst().orElseThrow().userId();
    }

    private Optional<Channel> channel(long guildId, String name) {
        return control.channels(guildId).stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private List<String> channelNames(long guildId) {
        return control.channels(guildId).stream().map(Channel::name).toList();
    }

    private static Path screenshotDir() {
        return Path.of(System.getProperty("voice.plugin.jar")).getParent().resolve("screenshots");
    }

    /** The directory {@code -Dconsole.docs.images} names, where the guide's screenshots also go. */
    private static Optional<Path> docsImages() {
        return Optional.ofNullable(System.getProperty("console.docs.images")).filter(d -> !d.isBlank())
                .map(Path::of);
    }
}

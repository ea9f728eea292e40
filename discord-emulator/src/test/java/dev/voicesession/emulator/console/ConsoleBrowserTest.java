package dev.voicesession.emulator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.Select;

/** The web console in headless chromium at 1280 px: every panel on screen, and a direct message to the bot. */
class ConsoleBrowserTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;

    private static DiscordEmulator emulator;
    private static Chromium browser;
    private static Member alice;

    @BeforeAll
    static void start() {
        Chromium.requireInstalled();
        emulator = DiscordEmulator.builder().voice(false).rateLimits(RateLimitMode.OFF).build().start();
        Guild guild = emulator.control().createGuild("layout");
        alice = emulator.control().addMember(guild.id(), "alice");
        emulator.control().createTextChannel(guild.id(), "general");
        emulator.console().attach(new WideTableHost());
        browser = Chromium.start(WIDTH, HEIGHT);
    }

    @BeforeEach
    void open() {
        browser.driver.get(emulator.consoleUrl());
        await().atMost(Duration.ofSeconds(15)).until(() -> "true".equals(
                browser.driver.executeScript("return document.body.dataset.ready || null")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    @DisplayName("at 1280 px a wide voice_sessions table scrolls in its tab; the inspector and the restart buttons stay on screen")
    @SuppressWarnings("unchecked")
    void every_panel_is_visible() throws IOException {
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.driver.findElements(
                By.cssSelector("#sessions-table td")).isEmpty());

        Map<String, Object> layout = (Map<String, Object>) browser.driver.executeScript("""
                const box = (id) => document.getElementById(id).getBoundingClientRect();
                const tab = document.getElementById('tab-sessions');
                return {
                    width: window.innerWidth,
                    pageWidth: document.documentElement.scrollWidth,
                    inspectorRight: box('inspector').right,
                    botVoiceRight: box('bot-voice').right,
                    botVoiceWidth: box('bot-voice').width,
                    crashRight: box('restart-crash').right,
                    restartRight: box('restart-clean').right,
                    feedRight: box('feed-status').right,
                    tableWidth: box('sessions-table').width,
                    tabScrollWidth: tab.scrollWidth,
                    tabClientWidth: tab.clientWidth,
                };""");

        long width = number(layout, "width");
        assertThat(width).isEqualTo(WIDTH);
        assertThat(number(layout, "tableWidth")).as("the table is wider than the window").isGreaterThan(width);
        assertThat(number(layout, "tabScrollWidth")).as("it scrolls inside its tab")
                .isGreaterThan(number(layout, "tabClientWidth"));
        assertThat(number(layout, "pageWidth")).as("the page is no wider than the window").isLessThanOrEqualTo(width);
        for (String panel : List.of("inspectorRight", "botVoiceRight", "crashRight", "restartRight", "feedRight")) {
            assertThat(number(layout, panel)).as(panel).isLessThanOrEqualTo(width);
        }
        assertThat(number(layout, "botVoiceWidth")).isPositive();
        assertThat(browser.driver.findElement(By.id("restart-crash")).isDisplayed()).isTrue();
        assertThat(browser.driver.findElement(By.id("restart-crash")).isEnabled()).isTrue();
        // For a person to look at: target/console-1280.png.
        Files.write(Path.of("target", "console-1280.png"), browser.driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @DisplayName("'DM the bot' opens the acting user's direct message channel and sends what is typed there")
    void direct_message_from_the_console() {
        new Select(browser.driver.findElement(By.id("acting-user"))).selectByVisibleText("alice");
        browser.driver.findElement(By.id("direct-message")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.driver.findElement(By.id("chat-title")).getText()
                .equals("@" + emulator.bot().username()));

        browser.driver.findElement(By.id("composer-input")).sendKeys("!voice");
        browser.driver.findElement(By.id("composer-send")).click();

        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.control().directMessages(alice.userId()).stream()
                .map(Message::content).toList().contains("!voice"));
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.driver.findElement(By.id("messages")).getText()
                .contains("!voice"));
    }

    private static long number(Map<String, Object> layout, String key) {
        return Math.round(((Number) layout.get(key)).doubleValue());
    }

    /** A running host whose session table has many long columns, as a real voice_sessions table does. */
    private static final class WideTableHost implements ConsoleHost {
        @Override
        public String description() {
            return "bot host with plugins [voice]";
        }

        @Override
        public Status status() {
            return Status.RUNNING;
        }

        @Override
        public List<Session> sessions() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", 1);
            for (String column : List.of("guild_id", "channel_id", "user_id", "request_message_id",
                    "status_message_id", "created_at", "connected_at", "joined_at", "ended_at", "end_reason",
                    "last_activity_at", "instance_id", "claimed_by", "status_channel_id")) {
                row.put(column, column + "-1578465683186909184-" + Instant.EPOCH);
            }
            return List.of(new Session(row, 1, 2, 3, true));
        }

        @Override
        public List<LogLine> log(long afterSequence, int max) {
            return List.of();
        }

        @Override
        public Optional<Duration> joinTimeout(long guildId) {
            return Optional.empty();
        }

        @Override
        public void restart(boolean clean) {
            throw new UnsupportedOperationException("not restarted in this test");
        }
    }
}

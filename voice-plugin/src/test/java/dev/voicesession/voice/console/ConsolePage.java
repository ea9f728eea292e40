package dev.voicesession.voice.console;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The emulator's web console as a person uses it: clicks, typing and what the page shows. Reads go through
 * small scripts so that a re-render between finding and reading an element cannot break them; clicks are
 * retried when the element was re-rendered under the pointer.
 */
final class ConsolePage {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path screenshots;
    private final Optional<Path> docsImages;

    /**
     * @param screenshots where every screenshot goes
     * @param docsImages where the screenshots the getting-started guide shows also go, if anywhere
     */
    ConsolePage(ChromeDriver driver, Path screenshots, Optional<Path> docsImages) {
        this.driver = driver;
        this.screenshots = screenshots;
        this.docsImages = docsImages;
    }

    static ConditionFactory eventually() {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .ignoreException(StaleElementReferenceException.class);
    }

    void open(String url) {
        driver.get(url);
        eventually().until(() -> "true".equals(script("return document.body.dataset.ready || ''")));
    }

    // ---- acting

    void actAs(String userName) {
        new Select(driver.findElement(By.id("acting-user"))).selectByVisibleText(userName);
    }

    void selectGuild(String guildName) {
        click(By.cssSelector("button.guild[data-guild-name='" + guildName + "']"));
        eventually().until(() -> guildName.equals(text(By.id("guild-name"))));
    }

    void selectTextChannel(String channelName) {
        click(By.cssSelector(channel(channelName) + " .channel-row"));
        eventually().until(() -> channelName.equals(text(By.id("chat-title"))));
    }

    /** Types into the composer and presses Enter: a message, or a slash command when it starts with /. */
    void type(String text) {
        WebElement input = driver.findElement(By.id("composer-input"));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
        eventually().until(() -> input.getAttribute("value").isEmpty());
    }

    void joinVoice(String channelName) {
        click(By.cssSelector(channel(channelName) + " button.join"));
    }

    void leaveVoice(String channelName) {
        click(By.cssSelector(channel(channelName) + " button.leave"));
    }

    void restartHost(boolean clean) {
        click(By.id(clean ? "restart-clean" : "restart-crash"));
    }

    void showTab(String tab) {
        click(By.cssSelector("button.tab[data-tab='" + tab + "']"));
    }

    private void click(By by) {
        eventually().until(() -> {
            driver.findElement(by).click();
            return true;
        });
    }

    // ---- reading

    /** The contents of the bot's messages in the open channel, oldest first, as shown. */
    List<String> botMessages() {
        return strings("return [...document.querySelectorAll('#messages .message.from-bot .content')]"
                + ".map(e => e.textContent)");
    }

    String lastBotMessage() {
        List<String> messages = botMessages();
        return messages.isEmpty() ? "" : messages.getLast();
    }

    /** How many times the bot's newest message in the open channel was edited, as the page shows it. */
    int lastBotMessageEdits() {
        Object edits = script("const m = [...document.querySelectorAll('#messages .message.from-bot')].pop();"
                + " return m ? m.dataset.edits : '0'");
        return Integer.parseInt(String.valueOf(edits));
    }

    boolean hasChannel(String name) {
        return Boolean.TRUE.equals(script("return !!document.querySelector(arguments[0])", channel(name)));
    }

    /** The "visible to ..." line of a private channel, or empty for a public one. */
    Optional<String> visibleTo(String channelName) {
        Object text = script("const c = document.querySelector(arguments[0]);"
                + " if (!c || c.dataset.private !== 'true') return null;"
                + " return c.querySelector('.visible-to').textContent", channel(channelName));
        return Optional.ofNullable((String) text);
    }

    /** Names listed under a voice channel. */
    List<String> inVoice(String channelName) {
        return strings("const c = document.querySelector(arguments[0]); return c ? [...c.querySelectorAll("
                + "'.voice-members li')].map(li => li.dataset.userName) : []", channel(channelName));
    }

    /** The bot's voice connection state as the inspector shows it, for example CONNECTED. */
    String botVoiceState() {
        return String.valueOf(script("return document.getElementById('bot-voice').dataset.state || ''"));
    }

    String botVoiceText() {
        return text(By.id("bot-voice"));
    }

    /** What the sessions panel says of a session, for example "join within 5 s". */
    String timer(String sessionId) {
        Object text = script("const t = document.querySelector(\"#timers .timer[data-session-id='\" + arguments[0]"
                + " + \"'] .countdown\"); return t ? t.textContent : ''", sessionId);
        return String.valueOf(text);
    }

    /** The rows of the voice_sessions table, newest first, column name to shown text. */
    @SuppressWarnings("unchecked")
    List<Map<String, String>> sessionRows() {
        return (List<Map<String, String>>) script("return [...document.querySelectorAll('#sessions-table tbody tr')]"
                + ".map(tr => Object.fromEntries([...tr.querySelectorAll('td')]"
                + ".map(td => [td.dataset.column, td.textContent])))");
    }

    Optional<Map<String, String>> sessionRow(String id) {
        return sessionRows().stream().filter(r -> id.equals(r.get("id"))).findFirst();
    }

    String hostStatus() {
        return text(By.id("host-status"));
    }

    List<String> hostLog() {
        return strings("return [...document.querySelectorAll('#host-log li')].map(li => li.textContent)");
    }

    /** Writes a PNG of the window, {@code console-<name>.png}, to the screenshot directory. */
    void screenshot(String name) {
        write(screenshots, name, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Writes a screenshot the getting-started guide shows, also to its images directory if one is set. */
    void docsScreenshot(String name) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        write(screenshots, name, png);
        docsImages.ifPresent(dir -> write(dir, name, png));
    }

    private static void write(Path dir, String name, byte[] png) {
        Path file = dir.resolve("console-" + name + ".png");
        try {
            Files.createDirectories(dir);
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write screenshot " + file, e);
        }
    }

    /**
     * Makes the page's reads of a guild arrive {@code delay} after the emulator answered them, as on a slow
     * network: a read answered before a change of the bot's voice connection then lands after the feed told
     * the page of that change. {@link #undelayGuildReads()} restores them.
     */
    void delayGuildReads(Duration delay) {
        script("""
                const millis = arguments[0];
                const original = window.fetch;
                window.undelayedFetch = original;
                window.fetch = async (url, init) => {
                    const response = await original(url, init);
                    if (String(url).includes('/console/api/guilds/')) {
                        await new Promise((resolve) => setTimeout(resolve, millis));
                    }
                    return response;
                };
                """, delay.toMillis());
    }

    void undelayGuildReads() {
        script("if (window.undelayedFetch) { window.fetch = window.undelayedFetch; delete window.undelayedFetch; }");
    }

    /** Waits until the page shows what {@code condition} checks. */
    void waitFor(Callable<Boolean> condition) {
        eventually().until(condition);
    }

    /**
     * Names the elements that are not wholly inside the window's width, or not laid out at all.
     *
     * @param selectors CSS selectors, each for one element
     * @return the selectors of the elements out of view, with their left and right edges
     */
    @SuppressWarnings("unchecked")
    List<String> outOfView(List<String> selectors) {
        return (List<String>) script("""
                const out = [];
                for (const selector of arguments[0]) {
                    const element = document.querySelector(selector);
                    const box = element ? element.getBoundingClientRect() : null;
                    if (!box || box.width === 0 || box.height === 0 || box.left < 0
                            || box.right > document.documentElement.clientWidth + 0.5) {
                        out.push(selector + (box ? ' [' + box.left + ', ' + box.right + ']' : ' missing'));
                    }
                }
                return out;""", selectors);
    }

    private String text(By by) {
        return driver.findElement(by).getText();
    }

    private Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(String script, Object... args) {
        return (List<String>) script(script, args);
    }

    private static String channel(String name) {
        return "#channels .channel[data-channel-name='" + name + "']";
    }
}

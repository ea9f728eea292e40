package dev.voicesession.emulator.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium}, headless, driven through its {@code chromedriver} (as bin/browser.sh installs them),
 * with a fresh profile and nothing that reaches the network by itself. Where the programs are missing the test
 * fails when {@code CI=true} and is skipped otherwise, with the command that installs them.
 */
final class Chromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));

    private final Path profile;
    final ChromeDriver driver;

    private Chromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Fails (CI) or skips (elsewhere) the calling test when the browser cannot be found. */
    static void requireInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = "The console's browser test needs Debian's chromium at " + CHROMIUM + " and chromedriver at "
                + DRIVER + "; install them with: sudo apt-get update && sudo apt-get install -y chromium"
                + " chromium-driver (bin/test does this when run as root)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message + ". Skipped here; with CI=true this fails.");
    }

    /** Starts a headless chromium whose page is {@code width} by {@code height} CSS pixels. */
    static Chromium start(int width, int height) {
        Path profile;
        try {
            profile = Files.createTempDirectory("emulator-console-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a chromium profile directory", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--force-device-scale-factor=1", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        Number frameWidth = (Number) driver.executeScript("return window.outerWidth - window.innerWidth");
        Number frameHeight = (Number) driver.executeScript("return window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new Dimension(width + frameWidth.intValue(), height + frameHeight.intValue()));
        return new Chromium(profile, driver);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the chromium profile " + profile, e);
            }
        }
    }
}

package org.rectrack.dashboard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by its own chromedriver. Both paths are set explicitly, so
 * Selenium Manager never looks for (or downloads) a browser or a driver. Each browser gets a fresh
 * profile and download folder.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** A browser whose pages ask for {@code acceptLanguage} (e.g. "en-GB,en"). */
    static Browser start(String acceptLanguage) {
        assertTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "The dashboard tests drive Debian's Chromium: " + CHROMIUM + " and " + CHROMEDRIVER
                        + " are missing. Run .ci/run, or: apt-get install -y chromium chromium-driver");
        try {
            Path profile = Files.createTempDirectory("rectrack-chromium-");
            Path downloads = Files.createTempDirectory("rectrack-downloads-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-first-run",
                    "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=" + acceptLanguage.split(",")[0]);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage,
                    "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            return new Browser(driver, profile, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Opens a dashboard page and waits until its script has filled it from the API. */
    void open(String url) {
        driver.get(url);
        await("the page filled from the API: " + url, d -> "true".equals(js("return document.body.dataset.ready || ''")));
    }

    /** Waits until the change stream is open, so a write from now on reaches the page live. */
    void awaitLive() {
        await("the change stream open", d -> "live".equals(js("return document.getElementById('live').dataset.state")));
    }

    /** The console's errors since the last call: failed loads, CSP violations, uncaught exceptions. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Phone size through the DevTools protocol (a desktop window cannot be made this narrow). */
    void emulateWidth(int width, int height) {
        emulateWidth(width, height, 2);
    }

    void emulateWidth(int width, int height, int scale) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", scale, "mobile", true));
    }

    void resetWidth() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            for (Path folder : List.of(profile, downloads)) {
                try (var files = Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary folder left behind is harmless
                }
            }
        }
    }
}

package dev.couponbook.server.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven through its own chromedriver. Both paths are given to
 * Selenium, so Selenium Manager never runs and nothing is downloaded; the flags keep Chromium
 * from reaching out to the network, which this machine does not have.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    static final String UNAVAILABLE = "Browser tests of the console skipped: no Chromium at " + CHROMIUM
            + " or no chromedriver at " + CHROMEDRIVER + " (apt-get install chromium chromium-driver, "
            + "or set -Dconsole.chromium and -Dconsole.chromedriver)";
    static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final int MAX_SCREENSHOT_HEIGHT = 3000;
    /** Recorded from the first script of every page: CSP violations and uncaught errors. */
    private static final String WATCH_PROBLEMS = """
            window.__consoleProblems = [];
            document.addEventListener('securitypolicyviolation',
                e => window.__consoleProblems.push('CSP ' + e.violatedDirective + ' blocked ' + e.blockedURI));
            window.addEventListener('error', e => window.__consoleProblems.push('error ' + e.message));
            window.addEventListener('unhandledrejection', e => window.__consoleProblems.push('rejection ' + e.reason));
            """;

    private final Path profile;
    private final Path downloads;
    private final ChromeDriver driver;
    private final Path screenshots;

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    Browser() throws IOException {
        profile = Files.createTempDirectory("console-chromium-");
        screenshots = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
        downloads = Files.createDirectories(profile.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--hide-scrollbars",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_PROBLEMS));
    }

    /** Where the browser saves downloads: inside its throw-away profile. */
    Path downloads() {
        return downloads;
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** Navigates inside the console without reloading it, which would drop the token kept in memory. */
    void go(String hash) {
        script("location.hash = arguments[0]", hash);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    <T> T await(ExpectedCondition<T> condition) {
        return await(condition, Duration.ofSeconds(30));
    }

    <T> T await(ExpectedCondition<T> condition, Duration patience) {
        return new WebDriverWait(driver, patience, Duration.ofMillis(100)).until(condition);
    }

    WebElement visible(By by) {
        return await(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the element's text contains {@code text}, then returns the whole text. */
    String awaitText(By by, String text) {
        await(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return find(by).getText();
    }

    String heading() {
        return visible(By.cssSelector("main h1")).getText();
    }

    /** What the page's watcher recorded since it loaded. */
    @SuppressWarnings("unchecked")
    List<String> problems() {
        Object problems = script("return window.__consoleProblems || []");
        return (List<String>) problems;
    }

    /** Saves the whole page, not only the window, as {@code name}.png. */
    @SuppressWarnings("unchecked")
    void screenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Number> content = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", content.get("width"),
                        "height", Math.min(MAX_SCREENSHOT_HEIGHT, content.get("height").doubleValue()), "scale", 1)));
        try {
            Files.createDirectories(screenshots);
            Files.write(screenshots.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}

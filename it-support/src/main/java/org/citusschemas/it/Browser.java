package org.citusschemas.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the console page's tests, driven through its WebDriver (Debian's
 * {@code chromium} and {@code chromium-driver}; {@code CHROME_BIN} and {@code CHROMEDRIVER} name
 * others). Where either is missing the test is skipped, loudly, naming itself. Screenshots go to
 * {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private int width;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A headless Chromium showing 1280×800, or the calling test skipped when there is none. */
    public static Browser start(String test) {
        Optional<Path> chromium =
                firstExisting("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        Optional<Path> chromedriver =
                firstExisting("CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            CitusRequirement.skipLoudly(
                    "NEEDS CHROMIUM",
                    test,
                    "this machine has no "
                            + (chromium.isEmpty() ? "Chromium" : "chromedriver") + " (Debian: apt-get install chromium "
                            + "chromium-driver; or set CHROME_BIN and CHROMEDRIVER), so the console page cannot be tried in a browser.");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        // No sandbox: the tests may run as root (CI), where Chromium's sandbox refuses to start.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--lang=en-GB",
                "--window-size=1280,800",
                "--hide-scrollbars");
        // Warnings only: at INFO chromedriver logs every command with its text, the passwords typed into the login form
        // too.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .withLogFile(new File("target/chromedriver.log"))
                .withLogLevel(ChromiumDriverLogLevel.WARNING)
                .build();
        Browser browser = new Browser(new ChromeDriver(service, options));
        browser.viewport(1280, 800);
        return browser;
    }

    private static Optional<Path> firstExisting(String variable, String... candidates) {
        return Stream.concat(Stream.ofNullable(System.getenv(variable)), Stream.of(candidates))
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }

    public WebDriver driver() {
        return driver;
    }

    /** Shows the page at exactly this size in CSS pixels, as a window of that size would. */
    public void viewport(int cssWidth, int cssHeight) {
        this.width = cssWidth;
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", cssWidth, "height", cssHeight, "deviceScaleFactor", 1, "mobile", false));
    }

    /**
     * Waits until the condition holds (a non-null, non-false answer), failing after the timeout. An
     * element the page replaced while the condition read it (the console re-renders its tables as
     * their data arrives) only means "not yet": the condition is asked again.
     */
    public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** The whole page as a PNG under target/screenshots/, not just what the window shows. */
    public Path screenshot(String name) {
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        @SuppressWarnings("unchecked")
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", width, "height", height.intValue(), "scale", 1)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page wrote to its console (errors of its script, failed requests). */
    public List<String> consoleMessages() {
        return driver.manage().logs().get("browser").getAll().stream()
                .map(Object::toString)
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}

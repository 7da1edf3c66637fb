package de.mitzeichnen.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium and chromedriver for the browser tests. In CI ({@code CI=true}, which {@code
 * .ci/run} sets after installing them) a missing browser fails the tests; on a developer's machine
 * they are skipped with a message.
 */
public final class Chromium {

    public static final File BINARY = new File("/usr/bin/chromium");
    public static final File DRIVER = new File("/usr/bin/chromedriver");

    static final String INSTALL = "apt-get install -y chromium chromium-driver";

    private Chromium() {}

    /**
     * Call first in a browser test: returns when Chromium is there, else fails (CI) or skips
     * (elsewhere).
     */
    public static void require() {
        String problem =
                problem(isCi(System.getenv("CI")), BINARY.canExecute(), DRIVER.canExecute());
        if (problem == null) {
            return;
        }
        if (isCi(System.getenv("CI"))) {
            throw new AssertionError(problem);
        }
        Assumptions.abort(problem);
    }

    static boolean isCi(String ciVariable) {
        return ciVariable != null
                && (ciVariable.equalsIgnoreCase("true") || ciVariable.equals("1"));
    }

    /** What is wrong, or null when the browser tests can run. */
    static String problem(boolean ci, boolean browser, boolean driver) {
        if (browser && driver) {
            return null;
        }
        String missing =
                !browser && !driver
                        ? BINARY + " and " + DRIVER
                        : !browser ? BINARY.toString() : DRIVER.toString();
        return ci
                ? "CI=true but "
                        + missing
                        + " is missing: the browser tests must run in CI ("
                        + INSTALL
                        + ")"
                : "Browser test skipped: "
                        + missing
                        + " is missing on this machine ("
                        + INSTALL
                        + "); CI fails instead";
    }

    /**
     * Starts headless Chromium for a test (after {@link #require()}): German as the browser's
     * language, no background networking (this machine has no network), a fresh profile.
     */
    public static ChromeDriver start(int width, int height, Duration implicitWait)
            throws IOException {
        require();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "de-DE,de"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height,
                "--hide-scrollbars",
                "--lang=de-DE",
                "--user-data-dir=" + Files.createTempDirectory("chromium").toAbsolutePath());
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER)
                        .usingAnyFreePort()
                        .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(implicitWait);
        return browser;
    }

    /**
     * A full-length PNG of the page at {@code width} CSS pixels (at most {@code maxHeight} tall),
     * written to {@code file}; the window is left at that size.
     */
    public static void fullPageShot(ChromeDriver browser, int width, long maxHeight, Path file)
            throws IOException {
        long height =
                ((Number)
                                browser.executeScript(
                                        "return Math.max(document.documentElement.scrollHeight, 200)"))
                        .longValue();
        emulate(browser, width, Math.min(height, maxHeight));
        Map<String, Object> shot =
                browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }

    /**
     * Signs in to the console through its login form and waits until the console answers: the login
     * answers only after hashing the password, and only then does the session cookie exist.
     */
    public static void signIn(ChromeDriver browser, String baseUrl, String email, String password) {
        browser.get(baseUrl.replaceAll("/$", "") + "/verwaltung/anmelden");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(d -> !d.getCurrentUrl().contains("/anmelden"));
        browser.findElement(By.cssSelector(".console-bar"));
    }

    /** Sets the page's size in CSS pixels, as a phone below 500 px. */
    public static void emulate(ChromeDriver browser, int width, long height) {
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        width,
                        "height",
                        height,
                        "deviceScaleFactor",
                        1,
                        "mobile",
                        width < 500));
    }
}

package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.Chromium;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The account page with its open sessions, and a refused password, in Chromium at 375 and 1280 px:
 * axe-core's WCAG 2.1 A/AA rules, no sideways scrolling, screenshots in target/screenshots/.
 */
@MicronautTest(transactional = false)
class AccountSessionsInBrowserTest {

    static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final Path SHOTS = Path.of("target", "screenshots");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;

    ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start(1280, 900, Duration.ofSeconds(2));
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theAccountPageListsOpenSessionsAndSaysWhyAPasswordIsRefused() throws Exception {
        URI base = URI.create(server.getURL().toString());
        Organiser city = fixtures.organiser("Stadt Frankfurt am Main");
        Account organiser = accounts.organiser(city);
        Web phone =
                new Web(base)
                        .withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress())
                        .withHeader(
                                "User-Agent",
                                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)"
                                        + " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5"
                                        + " Mobile/15E148 Safari/604.1");
        phone.postForm(
                "/verwaltung/anmelden",
                "/verwaltung/anmelden",
                Web.form("email", organiser.email(), "password", ConsoleAccounts.PASSWORD));
        accounts.signedIn(base, organiser);
        Account admin = accounts.admin();

        Chromium.signIn(
                browser, server.getURL().toString(), admin.email(), ConsoleAccounts.PASSWORD);
        browser.get(server.getURL() + "/verwaltung/konten/" + organiser.id());
        assertEquals(2, browser.findElements(By.cssSelector("#sitzungen ~ div tbody tr")).size());
        check("account-sessions");

        browser.findElement(By.id("password")).sendKeys("Frankfurt2026!");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        assertTrue(
                browser.findElement(By.id("password-error"))
                        .getText()
                        .contains("Namen von Mitzeichnen oder Ihrer Organisation"));
        check("account-password-refused");

        browser.findElement(By.cssSelector("#sitzungen ~ div tbody tr button")).click();
        assertEquals(
                "1 Sitzung beendet.", browser.findElement(By.cssSelector("p.notice.ok")).getText());
        assertEquals(1, browser.findElements(By.cssSelector("#sitzungen ~ div tbody tr")).size());

        browser.get(server.getURL() + "/verwaltung/mein-konto");
        browser.findElement(By.id("current")).sendKeys("nicht-das-richtige");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        assertEquals(
                "Das bisherige Passwort stimmt nicht.",
                browser.findElement(By.id("current-error")).getText());
        check("my-account");
    }

    /** axe at 375 and 1280 px, a screenshot at each, no sideways scrolling at 375 px. */
    private void check(String name) throws Exception {
        for (int width : new int[] {375, 1280}) {
            Chromium.emulate(browser, width, 900);
            Chromium.fullPageShot(browser, width, 6000, SHOTS.resolve(name + "-" + width + ".png"));
            Chromium.emulate(browser, width, 900);
            Results results = new AxeBuilder().withTags(WCAG).analyze(browser);
            List<Rule> violations = results.getViolations();
            assertTrue(
                    violations.isEmpty(),
                    name
                            + " at "
                            + width
                            + ": "
                            + violations.stream()
                                    .map(r -> r.getId() + " " + r.getNodes())
                                    .collect(Collectors.joining("; ")));
            long scrollWidth =
                    ((Number)
                                    ((JavascriptExecutor) browser)
                                            .executeScript(
                                                    "return document.documentElement.scrollWidth"))
                            .longValue();
            assertTrue(
                    scrollWidth <= width,
                    name
                            + " is "
                            + scrollWidth
                            + " px wide at "
                            + width
                            + ": "
                            + ((JavascriptExecutor) browser)
                                    .executeScript(
                                            "return [...document.querySelectorAll('body *')]"
                                                    + ".filter(e => e.getBoundingClientRect().right > "
                                                    + width
                                                    + ").slice(0, 8).map(e => e.tagName + '.' +"
                                                    + " e.className + '#' + e.id).join(', ')"));
        }
        Chromium.emulate(browser, 1280, 900);
    }
}

package de.mitzeichnen.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.testsupport.Chromium;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser (Debian's Chromium, headless) signs with the type-ahead and confirms through the
 * mailed link. Without Chromium or its driver it fails in CI and is skipped, with a message,
 * elsewhere ({@link Chromium}).
 */
@MicronautTest(transactional = false)
class SignInBrowserTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject Db db;

    WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start(1200, 1600, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Waits for the next page: a click returns before the browser has loaded it. */
    void awaitHeading(String text) {
        try {
            // the page may be replaced between finding the heading and reading it: look again then
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .ignoring(StaleElementReferenceException.class)
                    .until(
                            d ->
                                    d.findElements(By.tagName("h1")).stream()
                                            .anyMatch(h -> h.getText().contains(text)));
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "expected \""
                            + text
                            + "\" on "
                            + browser.getCurrentUrl()
                            + ": "
                            + browser.findElement(By.tagName("body")).getText());
        }
    }

    @Test
    void signWithTheTypeAheadAndConfirmInTheBrowser() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Appeal appeal =
                fixtures.appeal(
                        "Browser-Aufruf",
                        AppealStatus.OPEN,
                        now.minus(1, ChronoUnit.DAYS),
                        now.plus(10, ChronoUnit.DAYS));
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@stadt.example";
        browser.get(server.getURL() + "/aufrufe/" + appeal.slug() + "?lang=de");
        browser.findElement(By.name("name")).sendKeys("Bea Browser");
        new Select(browser.findElement(By.name("role"))).selectByValue("COUNCILLOR");
        WebElement municipality = browser.findElement(By.id("municipality"));
        municipality.sendKeys("Frankfurt am");
        WebElement suggestion =
                new WebDriverWait(browser, Duration.ofSeconds(10))
                        .until(
                                d ->
                                        d.findElements(By.cssSelector(".typeahead li")).stream()
                                                .filter(
                                                        li ->
                                                                li.getText()
                                                                        .startsWith(
                                                                                "Frankfurt am Main"))
                                                .findFirst()
                                                .orElse(null));
        suggestion.click();
        assertEquals("Frankfurt am Main (06412000)", municipality.getAttribute("value"));
        browser.findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.name("privacy")).click();
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        awaitHeading("Bitte bestätigen Sie Ihre Unterschrift per E-Mail");

        String path =
                SigningTestSupport.link(SigningTestSupport.mails(email, 1).get(0), "/bestaetigen/");
        browser.get(server.getURL() + path);
        browser.findElement(By.xpath("//button[contains(., 'Jetzt verbindlich unterzeichnen')]"))
                .click();
        awaitHeading("Vielen Dank");
        assertEquals(
                "CONFIRMED",
                db.row("SELECT status FROM signature WHERE email_key = ?", email).get("status"));
    }
}

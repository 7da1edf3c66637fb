package de.mitzeichnen.accessibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.testsupport.Chromium;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.PageCheck;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The accessibility pages in Chromium, in German and English: statement, feedback form (empty, with
 * errors, sent), Leichte Sprache, the start page with its sign-language video, and an appeal whose
 * text has its own headings (in German, English and the error state) — each valid HTML, axe 0 at
 * 375 and 1280 px, with screenshots in target/screenshots/.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.accessibility.dgs-video-url", value = "/static/dgs/mitzeichnen.mp4")
class AccessibilityInBrowserTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;

    ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start(1280, 900, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return server.getURL() + path;
    }

    String h1() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    @Test
    void theAccessibilityPagesInBothLanguages() throws Exception {
        for (String lang : new String[] {"de", "en"}) {
            browser.get(url("/?lang=" + lang));
            assertTrue(!browser.findElements(By.cssSelector("#gebaerdensprache video")).isEmpty());
            PageCheck.check(browser, "a11y-index-" + lang);

            browser.get(url("/barrierefreiheit?lang=" + lang));
            PageCheck.check(browser, "a11y-statement-" + lang);

            browser.get(url("/leichte-sprache?lang=" + lang));
            PageCheck.check(browser, "a11y-easy-read-" + lang);

            browser.get(url("/barrierefreiheit/rueckmeldung?lang=" + lang));
            PageCheck.check(browser, "a11y-feedback-" + lang);

            browser.findElement(By.cssSelector("main form button[type=submit]")).click();
            WebElement summary =
                    new WebDriverWait(browser, Duration.ofSeconds(10))
                            .until(d -> d.findElement(By.cssSelector("[data-error-summary]")));
            new WebDriverWait(browser, Duration.ofSeconds(5))
                    .until(d -> summary.equals(d.switchTo().activeElement()));
            PageCheck.check(browser, "a11y-feedback-errors-" + lang);
            // the summary's link leads to the field
            summary.findElement(By.cssSelector("a[href='#message']")).click();
            assertEquals("message", browser.switchTo().activeElement().getAttribute("id"));
        }

        browser.get(url("/barrierefreiheit/rueckmeldung?lang=de"));
        browser.findElement(By.id("message"))
                .sendKeys("Der Knopf „Unterzeichnen“ ist mit der Lupe schwer zu finden.");
        browser.findElement(By.id("email")).sendKeys("leserin@gemeinde.example");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        try {
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(d -> d.getCurrentUrl().contains("/danke"));
        } catch (TimeoutException e) {
            throw new AssertionError(
                    browser.getCurrentUrl()
                            + ": "
                            + browser.findElement(By.tagName("main")).getText(),
                    e);
        }
        assertEquals("Danke für Ihre Rückmeldung", h1());
        PageCheck.check(browser, "a11y-feedback-sent-de");
    }

    @Test
    void anAppealWhoseTextHasItsOwnHeadingsSkipsNoLevel() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Appeal appeal =
                fixtures.appeal(
                        fixtures.organiser("Stadt Überschrift"),
                        "Aufruf mit Überschriften",
                        AppealStatus.OPEN,
                        now.minus(1, ChronoUnit.DAYS),
                        now.plus(10, ChronoUnit.DAYS),
                        "Wir, die Unterzeichnenden, rufen auf.\n\n### Wir fordern:\n\n- eins\n- zwei");
        String path = "/aufrufe/" + appeal.slug();
        browser.get(url(path + "?lang=de"));
        assertEquals("h2", browser.findElement(By.cssSelector(".appeal-text h2")).getTagName());
        PageCheck.check(browser, "a11y-appeal-headings-de");
        browser.get(url(path + "?lang=en"));
        PageCheck.check(browser, "a11y-appeal-headings-en");
        browser.get(url(path + "?lang=de"));
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.cssSelector("[data-error-summary]")));
        PageCheck.check(browser, "a11y-appeal-headings-errors");
    }
}

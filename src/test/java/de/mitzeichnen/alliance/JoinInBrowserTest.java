package de.mitzeichnen.alliance;

import static de.mitzeichnen.alliance.JoinTestSupport.confirmLink;
import static de.mitzeichnen.alliance.JoinTestSupport.mails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.testsupport.Chromium;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.PageCheck;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * „Beitritt erklären" in Chromium, in German and English: the form empty, with the error summary
 * (focused, its links lead to the fields), with the list of an ambiguous place, with a role that
 * does not fit and a date too far ahead; then a declaration from a free-mail address through the
 * pages of the double opt-in and the organiser's console pages (list, one declaration, its refused
 * acceptance without a check). Every state is valid HTML (Nu Html Checker), has no axe violation at
 * 375 and 1280 px and nothing wider than a phone; screenshots in target/screenshots/join-*.
 */
@MicronautTest(transactional = false)
class JoinInBrowserTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;
    @Inject Alliances alliances;

    ChromeDriver browser;
    Alliance alliance;
    Account account;

    @BeforeEach
    void start() throws Exception {
        Organiser organiser = fixtures.organiser("Landeshauptstadt Potsdam");
        account = accounts.organiser(organiser);
        alliance = JoinTestSupport.publicAlliance(alliances, organiser, account);
        browser = Chromium.start(1280, 900, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    void open(String path) {
        browser.get(server.getURL() + path);
    }

    Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    String formPath(String lang) {
        return "/buendnisse/" + alliance.slug() + "/beitreten?lang=" + lang;
    }

    /** Sends the form and waits until the answer has replaced the page (not just sent it). */
    void submit() {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.stalenessOf(page));
    }

    WebElement summary() {
        WebElement summary =
                new WebDriverWait(browser, Duration.ofSeconds(10))
                        .until(d -> d.findElement(By.cssSelector("[data-error-summary]")));
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(d -> summary.equals(d.switchTo().activeElement()));
        return summary;
    }

    /** Valid, accessible at both widths, and nothing wider than a phone. */
    void check(String name) throws Exception {
        PageCheck.check(browser, name);
        Chromium.emulate(browser, 375, 800);
        long width = ((Number) js("return document.scrollingElement.scrollWidth")).longValue();
        assertTrue(width <= 375, name + " scrolls sideways at 375 px: " + width);
        Chromium.emulate(browser, 1280, 800);
    }

    void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void theJoinFormWithItsErrorsInBothLanguages() throws Exception {
        for (String lang : List.of("de", "en")) {
            open(formPath(lang));
            check("join-form-" + lang);

            submit();
            WebElement summary = summary();
            assertEquals(7, summary.findElements(By.cssSelector("li")).size(), summary.getText());
            assertTrue(browser.getTitle().startsWith(lang.equals("de") ? "Fehler: " : "Error: "));
            check("join-form-errors-" + lang);
            summary().findElement(By.cssSelector("a[href='#decidedOn']")).click();
            assertEquals("decidedOn", browser.switchTo().activeElement().getAttribute("id"));

            // half filled: a district role for a city, a date too far ahead, an ambiguous place
            type("name", "Erika Mustermann");
            new Select(browser.findElement(By.id("role"))).selectByValue("DISTRICT_ADMINISTRATOR");
            type("municipality", "Neustadt");
            type("decisionKind", "Stadtratsbeschluss");
            String tooLate = LocalDate.now(ZoneId.of("Europe/Berlin")).plusYears(2).toString();
            js("document.getElementById('decidedOn').value = '" + tooLate + "'");
            type("email", JoinTestSupport.email("gmail.com"));
            browser.findElement(By.id("privacy")).click();
            submit();
            summary = summary();
            assertTrue(
                    summary.getText()
                            .contains(
                                    lang.equals("de")
                                            ? "mehrere Kommunen mit diesem Namen"
                                            : "municipalities have this name"),
                    summary.getText());
            assertTrue(
                    browser.findElements(By.cssSelector("input[name=municipalityChoice]")).size()
                            > 1);
            check("join-form-choice-" + lang);

            // the place chosen: the role and the date are still wrong
            browser.findElement(By.id("municipality-choice-0")).click();
            submit();
            summary = summary();
            assertEquals(2, summary.findElements(By.cssSelector("li")).size(), summary.getText());
            check("join-form-role-date-" + lang);
        }
    }

    @Test
    void aDeclarationThroughTheOptInAndTheConsolePages() throws Exception {
        String email = JoinTestSupport.email("gmail.com");
        open(formPath("de"));
        type("name", "Erika Mustermann");
        new Select(browser.findElement(By.id("role"))).selectByValue("LORD_MAYOR");
        type("municipality", "Frankfurt am Main (06412000)");
        type("decisionKind", "Stadtratsbeschluss");
        js("document.getElementById('decidedOn').value = '2019-12-18'");
        type("decisionNumber", "Antrag Nr. 20-26 / A 05689");
        type("email", email);
        browser.findElement(By.id("privacy")).click();
        submit();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("/bitte-bestaetigen"));
        check("join-pending-de");

        String link = confirmLink(mails(email, 1).get(0));
        open(link);
        check("join-confirm-de");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.cssSelector(".notice.waiting")));
        check("join-confirmed-waiting-de");
        open(link + "?lang=en");
        check("join-confirmed-waiting-en");
        open(JoinPages.CONFIRM + "x".repeat(43) + "?lang=de");
        check("join-link-unknown-de");

        open("/verwaltung/anmelden");
        browser.findElement(By.id("email")).sendKeys(account.email());
        browser.findElement(By.id("password")).sendKeys(ConsoleAccounts.PASSWORD);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        browser.findElement(By.cssSelector(".console-bar"));
        open("/verwaltung/beitritte");
        check("join-console-inbox");
        browser.findElement(By.linkText("Frankfurt am Main")).click();
        browser.findElement(By.id("accept-heading"));
        check("join-console-declaration");
        WebElement before = browser.findElement(By.tagName("html"));
        browser.findElement(By.cssSelector("section[aria-labelledby=accept-heading] button"))
                .click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.stalenessOf(before));
        summary();
        check("join-console-declaration-errors");
        browser.findElement(By.id("method")).click();
        browser.findElement(By.cssSelector("section[aria-labelledby=accept-heading] button"))
                .click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("ok=accepted"));
        check("join-console-list-accepted");
    }
}

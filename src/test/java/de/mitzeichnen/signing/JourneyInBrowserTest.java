package de.mitzeichnen.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.testsupport.Chromium;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.HtmlValidity;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The signer's journey in Chromium at 375 and 1280 px: the error summary after a failed submit,
 * keyboard-only signing with the type-ahead, no sideways scrolling at 320 px, and axe-core's WCAG
 * 2.1 A/AA rules on every public page and state. Screenshots of each page go to
 * target/screenshots/. Skipped where Chromium is missing.
 */
@MicronautTest(transactional = false)
class JourneyInBrowserTest {

    static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final Path SHOTS = Path.of("target", "screenshots");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject Db db;

    ChromeDriver browser;
    Appeal appeal;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start(1280, 900, Duration.ofSeconds(2));
        Files.createDirectories(SHOTS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        appeal =
                fixtures.appeal(
                        // one very long word: the start page and the appeal page must still fit
                        // a phone (it once widened the start page)
                        "Reise-Aufruf zur Donaudampfschifffahrtsgesellschaftskapitänswitwenrente",
                        AppealStatus.OPEN,
                        now.minus(1, ChronoUnit.DAYS),
                        now.plus(10, ChronoUnit.DAYS));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    void viewport(int width) {
        Chromium.emulate(browser, width, 800);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    String url(String path) {
        return server.getURL() + path;
    }

    /** A full-length screenshot of the page as it is now. */
    void shot(String name, int width) throws Exception {
        Chromium.fullPageShot(browser, width, 12000, SHOTS.resolve(name + "-" + width + ".png"));
        viewport(width);
    }

    /** axe-core's WCAG 2.1 A and AA rules on the page as it is now. */
    void accessible(String what) {
        Results results = new AxeBuilder().withTags(WCAG).analyze(browser);
        List<Rule> violations = results.getViolations();
        assertTrue(
                violations.isEmpty(),
                what
                        + " at "
                        + browser.getCurrentUrl()
                        + ": "
                        + violations.stream()
                                .map(
                                        r ->
                                                r.getId()
                                                        + " "
                                                        + r.getNodes().stream()
                                                                .map(
                                                                        n ->
                                                                                String.valueOf(
                                                                                        n
                                                                                                .getTarget()))
                                                                .collect(Collectors.joining(", ")))
                                .collect(Collectors.joining("; ")));
    }

    void noSidewaysScrolling(String what) {
        viewport(320);
        long scrollWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        assertTrue(
                scrollWidth <= 320,
                what + " scrolls sideways at 320 px: " + scrollWidth + " px wide");
    }

    /**
     * Checks a page: valid HTML (Nu Html Checker), at both widths axe and a screenshot, at 320 px
     * reflow; then leaves it at 1280 px.
     */
    void check(String name) throws Exception {
        HtmlValidity.assertValid(browser, name);
        for (int width : new int[] {375, 1280}) {
            viewport(width);
            accessible(name + " at " + width);
            shot(name, width);
        }
        noSidewaysScrolling(name);
        viewport(1280);
    }

    /**
     * Typing sends one key at a time, and each key may start a search: waits until the list answers
     * what the field holds now, not an earlier prefix.
     */
    void settle() {
        WebElement combo = browser.findElement(By.id("municipality"));
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(
                        d ->
                                combo.getAttribute("value")
                                        .trim()
                                        .equals(
                                                d.findElement(By.id("municipality-suggestions"))
                                                        .getAttribute("data-query")));
    }

    String activeId() {
        return (String) js("return document.activeElement && document.activeElement.id");
    }

    void awaitHeading(String text) {
        // the headings' text in one script call: a node read while the next page replaces the
        // document is no error then (Chromium 156 reports that as a generic inspector error)
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(
                        d ->
                                String.valueOf(
                                                js(
                                                        "return [...document.querySelectorAll('h1')]"
                                                                + ".map(h => h.innerText).join(' | ')"))
                                        .contains(text));
    }

    /**
     * The error summary after a failed submit: focused, in view, every link moves focus to its
     * field.
     */
    void errorSummaryWorks(String what, int width) {
        WebElement summary =
                new WebDriverWait(browser, Duration.ofSeconds(10))
                        .until(d -> d.findElement(By.cssSelector("[data-error-summary]")));
        try {
            new WebDriverWait(browser, Duration.ofSeconds(5))
                    .until(
                            d ->
                                    "error-summary-title"
                                            .equals(
                                                    js(
                                                            "return document.activeElement.getAttribute('aria-labelledby')")));
        } catch (TimeoutException e) {
            throw new AssertionError(
                    what
                            + " at "
                            + width
                            + ": focus on "
                            + js("return document.activeElement.outerHTML.substring(0, 300)")
                            + " of "
                            + browser.getTitle());
        }
        assertTrue(browser.getTitle().startsWith("Fehler: "), browser.getTitle());
        Number top = (Number) js("return arguments[0].getBoundingClientRect().top", summary);
        Number viewportHeight = (Number) js("return window.innerHeight");
        assertTrue(
                top.doubleValue() >= 0 && top.doubleValue() < viewportHeight.doubleValue(),
                what + " at " + width + ": the summary is at " + top + " of " + viewportHeight);
        List<WebElement> links = summary.findElements(By.tagName("a"));
        assertTrue(links.size() >= 2, what);
        for (WebElement link : links) {
            String target =
                    link.getAttribute("href").substring(link.getAttribute("href").indexOf('#') + 1);
            link.click();
            assertEquals(target, activeId(), what + ": " + link.getText());
            Number fieldTop =
                    (Number) js("return document.activeElement.getBoundingClientRect().top");
            assertTrue(
                    fieldTop.doubleValue() >= 0
                            && fieldTop.doubleValue() < viewportHeight.doubleValue(),
                    what
                            + " at "
                            + width
                            + ": field "
                            + target
                            + " not in view: "
                            + fieldTop
                            + " of "
                            + viewportHeight);
        }
    }

    @Test
    void errorsAtBothWidthsAndEveryPublicPageIsAccessible() throws Exception {
        String appealPath = "/aufrufe/" + appeal.slug() + "?lang=de";
        browser.get(url("/?lang=de"));
        check("start");
        browser.get(url(appealPath));
        check("appeal");

        for (int width : new int[] {375, 1280}) {
            viewport(width);
            browser.get(url(appealPath));
            browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
            errorSummaryWorks("empty form", width);
            if (width == 1280) {
                check("errors-empty");
            }

            browser.get(url(appealPath));
            browser.findElement(By.id("name")).sendKeys("Hanna Halb");
            browser.findElement(By.id("email")).sendKeys("hanna@stadt.example");
            browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
            errorSummaryWorks("half-filled form", width);
            assertEquals("Hanna Halb", browser.findElement(By.id("name")).getAttribute("value"));
            assertEquals("true", browser.findElement(By.id("role")).getAttribute("aria-invalid"));
            if (width == 1280) {
                check("errors-half");
            }
        }

        browser.get(url(appealPath));
        browser.findElement(By.id("name")).sendKeys("Nele Neustadt");
        browser.findElement(By.id("municipality")).sendKeys("Neustadt");
        browser.findElement(By.id("email")).sendKeys("nele@stadt.example");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.name("municipalityChoice")).isEmpty());
        check("choice-list");

        List<String> pages =
                new ArrayList<>(
                        List.of(
                                "/?lang=de",
                                "/datenschutz",
                                "/impressum",
                                "/daten",
                                "/gibt-es-nicht",
                                "/bestaetigen/unbekannt-" + UUID.randomUUID(),
                                "/zurueckziehen/unbekannt-" + UUID.randomUUID(),
                                "/einladung/unbekannt-" + UUID.randomUUID()));
        for (String page : pages) {
            browser.get(url(page));
            if (page.contains("unbekannt")) {
                assertTrue(
                        browser.getTitle().contains("kennen wir nicht"),
                        page + ": " + browser.getTitle());
            }
            check(
                    page.replaceAll("[^a-z]+", "-")
                            .replaceAll("^-|-$", "")
                            .replaceAll("-unbekannt.*", "-unknown")
                            .replaceAll("^$", "index"));
        }
        browser.get(url("/datenschutz?lang=en"));
        check("privacy-en");
    }

    @Test
    void keyboardOnlySigningWithTheTypeAheadConfirmAndWithdraw() throws Exception {
        String email = "keys-" + UUID.randomUUID().toString().substring(0, 8) + "@stadt.example";
        viewport(1280);
        browser.get(url("/aufrufe/" + appeal.slug() + "?lang=de"));
        browser.findElement(By.id("name")).sendKeys("Kim Tastatur", Keys.TAB);
        assertEquals("role", activeId());
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN, Keys.TAB);
        assertEquals("roleOther", activeId());
        browser.switchTo().activeElement().sendKeys(Keys.TAB, Keys.TAB, Keys.TAB);
        assertEquals("municipality", activeId());
        WebElement combo = browser.switchTo().activeElement();
        assertEquals("combobox", combo.getAttribute("role"));
        combo.sendKeys("Frankfurt");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> "true".equals(combo.getAttribute("aria-expanded")));
        settle();
        int count =
                browser.findElements(By.cssSelector("#municipality-suggestions [role=option]"))
                        .size();
        assertTrue(count >= 2, "suggestions: " + count);
        // the arrow keys go through all suggestions and round again, focus stays in the field
        for (int i = 0; i < count; i++) {
            combo.sendKeys(Keys.ARROW_DOWN);
            assertEquals(
                    "municipality-suggestions-" + i, combo.getAttribute("aria-activedescendant"));
            assertEquals(
                    "true",
                    browser.findElement(By.id("municipality-suggestions-" + i))
                            .getAttribute("aria-selected"));
            assertEquals("municipality", activeId());
        }
        combo.sendKeys(Keys.ARROW_DOWN);
        assertEquals("municipality-suggestions-0", combo.getAttribute("aria-activedescendant"));
        combo.sendKeys(Keys.ESCAPE);
        assertEquals("false", combo.getAttribute("aria-expanded"));
        combo.sendKeys(" am");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(
                        d ->
                                "true".equals(combo.getAttribute("aria-expanded"))
                                        && d
                                                .findElements(
                                                        By.cssSelector(
                                                                "#municipality-suggestions [role=option]"))
                                                .stream()
                                                .anyMatch(
                                                        o ->
                                                                o.getText()
                                                                        .startsWith(
                                                                                "Frankfurt am Main")));
        settle();
        List<String> texts =
                browser
                        .findElements(By.cssSelector("#municipality-suggestions [role=option]"))
                        .stream()
                        .map(WebElement::getText)
                        .toList();
        int main = 0;
        while (!texts.get(main).startsWith("Frankfurt am Main")) {
            main++;
        }
        for (int i = 0; i <= main; i++) {
            combo.sendKeys(Keys.ARROW_DOWN);
        }
        combo.sendKeys(Keys.ENTER);
        assertEquals("Frankfurt am Main (06412000)", combo.getAttribute("value"));
        assertEquals("municipality", activeId());
        combo.sendKeys(Keys.TAB);
        assertEquals("email", activeId());
        browser.switchTo().activeElement().sendKeys(email);
        for (int i = 0; i < 5 && !"privacy".equals(activeId()); i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertEquals("privacy", activeId());
        browser.switchTo().activeElement().sendKeys(Keys.SPACE);
        for (int i = 0;
                i < 5 && !"BUTTON".equals(js("return document.activeElement.tagName"));
                i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        awaitHeading("Bitte bestätigen Sie Ihre Unterschrift per E-Mail");
        check("pending");

        String confirmPath =
                SigningTestSupport.link(SigningTestSupport.mails(email, 1).get(0), "/bestaetigen/");
        browser.get(url(confirmPath));
        check("confirm");
        WebElement button =
                browser.findElement(
                        By.xpath("//button[contains(., 'Jetzt verbindlich unterzeichnen')]"));
        js("arguments[0].focus()", button);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        awaitHeading("Vielen Dank");
        check("confirmed");
        assertEquals(
                "CONFIRMED",
                db.row("SELECT status FROM signature WHERE email_key = ?", email).get("status"));

        String withdrawPath =
                SigningTestSupport.link(
                        SigningTestSupport.mails(email, 2).get(1), "/zurueckziehen/");
        browser.get(url(withdrawPath));
        check("withdraw");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(
                        d ->
                                !d.getCurrentUrl().isEmpty()
                                        && d.findElements(
                                                        By.cssSelector(
                                                                "main form button[type=submit]"))
                                                .isEmpty());
        check("withdrawn");
    }
}

package de.mitzeichnen.outcome;

import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.console.UploadedFile;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.testsupport.Chromium;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.HtmlValidity;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The new console forms (a reply recorded by hand, its CSV preview, hand-over and answer) and the
 * public section in Chromium at 375 and 1280 px: nothing scrolls sideways; screenshots go to
 * target/screenshots/.
 */
@MicronautTest(transactional = false)
class OutcomeInBrowserTest {

    static final Path SHOTS = Path.of("target", "screenshots");

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;
    @Inject Outcomes outcomes;

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

    Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /**
     * Valid HTML (Nu Html Checker), then a full-length screenshot at each width, after checking
     * that nothing scrolls sideways.
     */
    void shots(String name) throws Exception {
        HtmlValidity.assertValid(browser, name);
        for (int width : new int[] {375, 1280}) {
            Chromium.emulate(browser, width, 800);
            long scroll = ((Number) js("return document.documentElement.scrollWidth")).longValue();
            assertTrue(scroll <= width, name + " scrolls sideways at " + width + " px: " + scroll);
            Chromium.fullPageShot(
                    browser, width, 12000, SHOTS.resolve(name + "-" + width + ".png"));
        }
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @Test
    void theNewFormsAndThePublicSection() throws Exception {
        Organiser org = fixtures.organiser("Stadt Kassel");
        Appeal appeal =
                fixtures.appeal(
                        org,
                        "Migration als Chance begreifen!",
                        AppealStatus.OPEN,
                        Instant.parse("2025-10-01T00:00:00Z"),
                        Instant.parse("2025-11-30T22:59:59Z"),
                        "Wir, die Unterzeichnenden, rufen die Bundesregierung auf …");
        Account account = accounts.organiser(org);
        LocalDate yesterday = LocalDate.now().minusDays(1);
        outcomes.record(
                appeal,
                OutcomeKind.HANDOVER,
                new Outcomes.Entry(
                        yesterday,
                        "Bundeskanzleramt, Berlin",
                        "Die Oberbürgermeisterin hat die Unterschriften von 312 Kommunen im Bundeskanzleramt übergeben.",
                        new UploadedFile(
                                "uebergabe.pdf",
                                "application/pdf",
                                "%PDF-1.4".getBytes(StandardCharsets.UTF_8)),
                        true),
                Actor.system());
        outcomes.record(
                appeal,
                OutcomeKind.ANSWER,
                new Outcomes.Entry(
                        yesterday,
                        null,
                        "Die Bundesregierung dankt für den Aufruf und lädt die Kommunen zu einem Gespräch im Januar ein.",
                        null,
                        false),
                Actor.system());

        browser.get(server.getURL() + "/aufrufe/" + appeal.slug() + "?lang=de");
        shots("outcome-public");
        assertTrue(browser.getPageSource().contains("Übergeben am"), browser.getPageSource());

        browser.get(server.getURL() + "/verwaltung/anmelden");
        browser.findElement(By.name("email")).sendKeys(account.email());
        browser.findElement(By.name("password")).sendKeys(ConsoleAccounts.PASSWORD);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        browser.findElement(By.cssSelector(".console-bar"));

        browser.get(server.getURL() + "/verwaltung/aufrufe/" + appeal.id() + "/ergebnis");
        assertTrue(
                browser.findElement(By.tagName("h1")).getText().contains("Übergabe und Antwort"));
        shots("outcome-console");

        browser.get(server.getURL() + "/verwaltung/aufrufe/" + appeal.id() + "/rueckmeldungen");
        shots("replies-form");
        browser.findElement(By.id("name")).sendKeys("Karla Kassel");
        browser.findElement(By.id("municipality")).sendKeys("Gibtesnichthausen");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        assertTrue(
                browser.findElement(By.cssSelector(".error-summary"))
                        .getText()
                        .contains("Es gibt ein Problem"));
        shots("replies-form-errors");

        Path csv = Files.createTempFile("antworten", ".csv");
        Files.writeString(
                csv,
                "Name;E-Mail;Funktion;Gemeinde;Gremium;Nachweis;Datum;Notiz;Name öffentlich\n"
                        + "Karla Kassel;k.kassel@kassel.example;Oberbürgermeisterin;Kassel;;Ratsbeschluss;03.11.2025;Nr. 12;ja\n"
                        + "Otto Ort;;Bürgermeister;Gibtesnichthausen;;Brief;;;nein\n"
                        + "Bea Beschluss;;Landrätin;Landkreis Fulda;;Fax;;;nein\n");
        browser.get(server.getURL() + "/verwaltung/aufrufe/" + appeal.id() + "/rueckmeldungen/csv");
        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        // the click does not wait for the answer: wait for the preview page itself
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(d -> d.getPageSource().contains("Zeilen haben Probleme"));
        shots("replies-csv-preview");
    }
}
